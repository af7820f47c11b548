import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

/**
 * cdk-nag's AwsSolutions pack as a synth-time validation: any finding that is not acknowledged fails
 * `cdk synth`. Each acknowledgement sits next to the construct it excuses, with its reason.
 */
export function checkAwsSolutions(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
