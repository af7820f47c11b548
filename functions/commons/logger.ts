import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs with keys, one logger per execution environment. */
export const logger = new Logger({ serviceName: 'pilotops' });
