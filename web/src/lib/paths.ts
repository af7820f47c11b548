/** Every in-app URL, built in one place so links and the route table agree. */
const segment = encodeURIComponent;

export const paths = {
  home: () => '/',
  pilot: (pilotId: string) => `/pilots/${segment(pilotId)}`,
  login: (next?: string) => (next && next !== '/' ? `/login?next=${segment(next)}` : '/login'),
  /** Where an OpenID Connect issuer sends the browser back; infra registers it as the callback URL. */
  loginCallback: () => '/login/callback',
  workbench: () => '/workbench',
  registerEnterprise: () => '/enterprise/register',
  projects: () => '/projects',
  project: (projectId: string) => `/projects/${segment(projectId)}`,
  newApplication: () => '/projects/new',
  application: (projectId: string, step?: string) => `/projects/${segment(projectId)}/application${step ? `?step=${segment(step)}` : ''}`,
  inbox: () => '/inbox',
  notificationSettings: () => '/inbox/settings',
  indicators: (pilotId: string) => `/pilots/${segment(pilotId)}/indicators`,
  indicator: (pilotId: string, code: string) => `/pilots/${segment(pilotId)}/indicators/${segment(code)}`,
  providers: (pilotId: string) => `/pilots/${segment(pilotId)}/providers`,
  /** Before `provider`: `new` is not a provider id (ids come from the sign-in token, never typed). */
  registerProvider: (pilotId: string) => `/pilots/${segment(pilotId)}/providers/new`,
  provider: (pilotId: string, providerId: string) => `/pilots/${segment(pilotId)}/providers/${segment(providerId)}`,
  catalogue: (pilotId: string) => `/pilots/${segment(pilotId)}/catalogue`,
  selfEvaluation: (pilotId: string, year: number) => `/pilots/${segment(pilotId)}/self-evaluations/${year}`,
  /** Every pilot's indicators side by side, for a supervisor (108号). */
  crossPilot: () => '/evaluations/cross-pilot',
  /** The SME path (004): a pilot's SMEs, one firm, the pilot's digital-maturity counts. */
  smeFirms: (pilotId: string) => `/pilots/${segment(pilotId)}/sme-firms`,
  smeFirm: (firmId: string) => `/sme-firms/${segment(firmId)}`,
  smeMaturity: (pilotId: string) => `/pilots/${segment(pilotId)}/sme-maturity`,
  dossier: (uscc: string) => `/enterprises/${segment(uscc)}/dossier`,
};

/** Only same-app paths may be a post-login destination (no `//evil.example`, no absolute URLs). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return paths.workbench();
  return next;
}
