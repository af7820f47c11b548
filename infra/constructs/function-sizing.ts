import { Duration } from 'aws-cdk-lib';

/**
 * API handlers that need more than the house default (512 MB, 10 s). Completion reads invoices
 * (≤ 10 MB) and decodes site photos (≤ 30 MB, tens of megapixels in pure JS) before it answers
 * (issue 15, docs/architecture.md "Evidence findings"): memory buys CPU on Lambda, and the time stays
 * under API Gateway's 30-second integration limit.
 */
export const HANDLER_SIZING: Readonly<Record<string, { memorySize: number; timeout: Duration }>> = {
  'evidence/complete': { memorySize: 2048, timeout: Duration.seconds(29) },
};
