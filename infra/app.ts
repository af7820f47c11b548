import { checkAwsSolutions } from './nag';
import { buildPilotOps, createApp } from './pilotops';

/**
 * `npx cdk synth|deploy` entry (cdk.json). Account and region come from the CLI's credentials when
 * there are any; without them the stacks are environment-agnostic and still synthesize offline.
 */
const app = createApp();
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
buildPilotOps(app, account && region ? { account, region } : undefined);
checkAwsSolutions(app);
app.synth();
