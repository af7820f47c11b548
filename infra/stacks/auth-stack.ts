import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { CLAIMS, ROLE_LABELS, ROLES } from '../../shared/roles';
import { paths } from '../../web/src/lib/paths';
import type { Identity, IssuerEndpoints } from '../config';

export interface AuthStackProps extends StackProps {
  /** Prefix of the managed-login domain, `<prefix>.auth.<region>.amazoncognito.com`. */
  domainPrefix: string;
  /**
   * The web app's origin, for the client's callback and sign-out URLs. Configured (`siteOrigin`)
   * rather than read from the distribution: the web stack depends on this one (through the API),
   * so a reference back would be a cycle. Without it the client offers no OAuth flow yet.
   */
  siteOrigin?: string;
}

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
 *
 * The web app signs in through the pool's managed login (authorization code with PKCE, no client
 * secret in a browser) and sends the ID token to the API, whose authorizer expects this client as
 * the audience. Managed login, not the classic hosted UI: it is the one offered in Chinese (`lang`).
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly identity: Identity;
  readonly domain: cognito.UserPoolDomain;
  /** The web app's sign-in endpoints, for its config.json. */
  readonly signIn: IssuerEndpoints;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);

    const scopeClaims = [CLAIMS.uscc, CLAIMS.town, CLAIMS.pilot, CLAIMS.providerId, CLAIMS.dataUnit, CLAIMS.supervision].map(customName);
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

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    const { siteOrigin } = props;
    const standardWritable = new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true });
    this.client = this.userPool.addClient('Web', {
      generateSecret: false,
      authFlows: { userSrp: true },
      ...(siteOrigin
        ? {
            oAuth: {
              // The code flow only: the implicit grant would put tokens in the URL.
              flows: { authorizationCodeGrant: true },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
              callbackUrls: [`${siteOrigin}${paths.loginCallback()}`],
              logoutUrls: [`${siteOrigin}${paths.home()}`],
            },
            supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          }
        : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      // One working day: officials sign in with MFA each morning.
      refreshTokenValidity: Duration.hours(12),
      writeAttributes: standardWritable,
    });

    this.identity = { issuer: this.userPool.userPoolProviderUrl, audience: [this.client.userPoolClientId] };

    // Managed login shows a client's pages only once the client has a style; Cognito's own will do.
    if (siteOrigin) {
      new cognito.CfnManagedLoginBranding(this, 'WebLogin', {
        userPoolId: this.userPool.userPoolId,
        clientId: this.client.userPoolClientId,
        useCognitoProvidedValues: true,
      });
    }

    const base = this.domain.baseUrl();
    const clientId = this.client.userPoolClientId;
    this.signIn = {
      // Cognito's `lang` picks the managed login's language; the app adds the standard parameters.
      authorizeUrl: `${base}/oauth2/authorize?lang=zh-CN`,
      tokenUrl: `${base}/oauth2/token`,
      clientId,
      scope: 'openid email profile',
      // Cognito's own parameters (not OIDC's post_logout_redirect_uri); logout_uri must be a registered sign-out URL.
      ...(siteOrigin ? { logoutUrl: `${base}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${siteOrigin}${paths.home()}`)}` } : {}),
    };

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId });
    new CfnOutput(this, 'Issuer', { value: this.identity.issuer });
    new CfnOutput(this, 'SignInUrl', { value: base });
  }
}
