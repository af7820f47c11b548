/**
 * The people who use the platform (DOMAIN.md, "Who uses it"). A role is a Cognito group (or the
 * mapped group claim of another OIDC issuer); scope attributes narrow what a role may see.
 */
export const ROLES = [
  'enterprise', // 项目实施单位 / 试点企业
  'town', // 各开发区、各街镇、园区
  'bureau', // 区工业和信息化局
  'finance', // 区财政局
  'expert', // 专家
  'operator', // 综合管理服务商
  'provider', // 数字化转型专业化服务商
  'data_unit', // 区统计局、区发展改革委 …
  'assessor', // 数字化水平评测机构
  'supervisor', // 省、部级：跨试点城市查看 (工信厅联规函〔2025〕108号)
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  enterprise: '企业',
  town: '街镇/园区',
  bureau: '区工业和信息化局',
  finance: '区财政局',
  expert: '专家',
  operator: '综合管理服务商',
  provider: '服务商',
  data_unit: '数据报送单位',
  assessor: '评测机构',
  supervisor: '上级主管部门',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Claim names, shaped like a Cognito ID token: groups plus custom attributes for scope. */
export const CLAIMS = {
  subject: 'sub',
  name: 'name',
  groups: 'cognito:groups',
  uscc: 'custom:uscc',
  town: 'custom:town',
  pilot: 'custom:pilot',
  providerId: 'custom:provider',
  dataUnit: 'custom:data_unit',
  /** A supervisor's reach: `ministry` (every pilot) or a GB/T 2260 province code such as `120000`. */
  supervision: 'custom:supervision',
} as const;

/**
 * Which pilots a supervisor oversees (issue 12): the ministry every pilot, a province's department
 * the pilots whose record names a division in its province. Read from the `custom:supervision`
 * claim; the pilot ids of a province are looked up from the pilots' records per request.
 */
export type Supervision = { level: 'ministry' } | { level: 'province'; province: string; pilotIds?: readonly string[] };

/** Who is calling, read only from verified token claims. */
export interface Principal {
  subject: string;
  name: string;
  roles: Role[];
  /** The enterprise's 统一社会信用代码, for role `enterprise`. */
  uscc?: string;
  /** The town/park code, for role `town`. */
  town?: string;
  /** The pilot an official (town, bureau, finance, operator, expert, assessor, data unit) works in. */
  pilot?: string;
  providerId?: string;
  dataUnit?: string;
  /** A supervisor's reach (shared/scope.ts); a supervisor without it is refused everywhere. */
  supervision?: Supervision;
}

/**
 * API Gateway's HTTP API JWT authorizer hands claims to the function as strings, and an array claim
 * such as `cognito:groups` arrives as "[bureau expert]". Accept that and a real array alike.
 */
export function parseGroupsClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).map((part) => part.replace(/^"|"$/g, '')).filter((part) => part.length > 0);
}

/**
 * Which claim carries what. Cognito's ID token is the default; another OIDC issuer (in aws-cn, the
 * province's 政务服务统一身份认证 platform) names its claims its own way and may call its groups
 * otherwise, so a deployment passes a mapping (shared/claims.ts reads it) and handlers stay unchanged.
 */
export interface ClaimMapping {
  subject: string;
  name: string;
  groups: string;
  uscc: string;
  town: string;
  pilot: string;
  providerId: string;
  dataUnit: string;
  supervision: string;
  /** the issuer's group names → our roles; a group it does not list is taken by its own name */
  roleOfGroup: Record<string, Role>;
}

export const COGNITO_CLAIMS: ClaimMapping = { ...CLAIMS, roleOfGroup: {} };

export function principalFromClaims(claims: Record<string, unknown>, mapping: ClaimMapping = COGNITO_CLAIMS): Principal | undefined {
  const subject = claims[mapping.subject];
  if (typeof subject !== 'string' || subject.length === 0) return undefined;
  const text = (key: string): string | undefined => {
    const value = claims[key];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const roles = parseGroupsClaim(claims[mapping.groups]).map((group) => mapping.roleOfGroup[group] ?? group).filter(isRole);
  const principal: Principal = { subject, name: text(mapping.name) ?? subject, roles: [...new Set(roles)] };
  const uscc = text(mapping.uscc);
  const town = text(mapping.town);
  const pilot = text(mapping.pilot);
  const providerId = text(mapping.providerId);
  const dataUnit = text(mapping.dataUnit);
  if (uscc) principal.uscc = uscc;
  if (town) principal.town = town;
  if (pilot) principal.pilot = pilot;
  if (providerId) principal.providerId = providerId;
  if (dataUnit) principal.dataUnit = dataUnit;
  const supervision = supervisionFromClaim(text(mapping.supervision));
  if (supervision) principal.supervision = supervision;
  return principal;
}

/** `ministry`, or a province's six-digit code (two digits and `0000`); anything else is no claim at all. */
export function supervisionFromClaim(value: string | undefined): Supervision | undefined {
  if (value === 'ministry') return { level: 'ministry' };
  if (value !== undefined && /^\d{2}0000$/.test(value)) return { level: 'province', province: value };
  return undefined;
}
