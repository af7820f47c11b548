import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { CLAIMS, ROLE_LABELS, ROLES } from '../../shared/roles';
import type { Identity } from '../config';

/** `custom:uscc` → `uscc`: Cognito adds the prefix itself. */
const customName = (claim: string): string => claim.replace(/^custom:/, '');

/**
 * Identity in partition `aws`: one Cognito user pool whose groups are the roles and whose custom
 * attributes carry the scope claims (`shared/roles.ts`). Stateful (users and their MFA secrets), so
 * apart from compute and retained.
 *
 * MFA is REQUIRED for the whole pool rather than per group: Cognito cannot require MFA for some groups
 * only, every role except `enterprise` is an official, and enterprises handle fund evidence too.
 * TOTP only — SMS would need an SNS origination identity and is weaker.
 *
 * Accounts are created by an administrator (invitation with a temporary password), not by
 * self-sign-up: group membership and scope attributes decide what a token may do, and only an
 * administrator sets them. The app client cannot write the custom attributes.
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly identity: Identity;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);

    const scopeClaims = [CLAIMS.uscc, CLAIMS.town, CLAIMS.pilot, CLAIMS.providerId, CLAIMS.dataUnit].map(customName);
    const customAttributes = Object.fromEntries(
      scopeClaims.map((name) => [
        name,
        name === customName(CLAIMS.uscc)
          ? new cognito.StringAttribute({ minLen: 18, maxLen: 18, mutable: true })
          : new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      ]),
    );

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      customAttributes,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'Essentials plan: TOTP MFA is already required of every user; threat protection (Plus) is billed per MAU and left for a budget decision (docs/deploy.md)',
    });

    for (const [precedence, role] of ROLES.entries()) {
      // The group name is the contract (`cognito:groups` holds role names), not a physical name.
      new cognito.UserPoolGroup(this, `Group${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: ROLE_LABELS[role],
        precedence,
      });
    }

    const standardWritable = new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true });
    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // One working day: officials sign in with MFA each morning.
      refreshTokenValidity: Duration.hours(12),
      writeAttributes: standardWritable,
    });

    this.identity = { issuer: this.userPool.userPoolProviderUrl, audience: [this.client.userPoolClientId] };

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
    new CfnOutput(this, 'Issuer', { value: this.identity.issuer });
  }
}
