import * as z from 'zod';
import { Uscc } from '../uscc';
import { publishedText } from '../validation';

export { Uscc };

/** 规上 / 规下: above or below the designated size for industrial statistics. */
export const EnterpriseScale = z.enum(['above', 'below']);
export type EnterpriseScale = z.infer<typeof EnterpriseScale>;

/** Contacts are personal data: shown to the enterprise and its officials, never published. */
export const Contact = z.object({
  name: publishedText({ min: 1, max: 40 }),
  phone: z.string().trim().regex(/^[0-9+\-\s]{7,20}$/, '电话号码格式不正确'),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
});
export type Contact = z.infer<typeof Contact>;

export const RegisterEnterpriseInput = z.strictObject({
  uscc: Uscc,
  name: publishedText({ min: 2, max: 100 }),
  pilotId: z.string().min(1).max(40),
  town: z.string().min(1).max(40),
  industry: publishedText({ min: 1, max: 60 }),
  scale: EnterpriseScale,
  contact: Contact,
  /** Related parties the enterprise declares (控股、参股、同一实际控制人): their experts step aside from its reviews (issue 14 §2). */
  relatedParties: z.array(Uscc).max(50).optional(),
});
export type RegisterEnterpriseInput = z.infer<typeof RegisterEnterpriseInput>;

/** The firm itself, the same in every pilot it takes part in (issue 12): no pilot, no town. */
export const EnterpriseProfile = RegisterEnterpriseInput.omit({ pilotId: true, town: true }).extend({
  registeredAt: z.iso.datetime(),
  registeredBy: z.string(),
  version: z.number().int().positive(),
});
export type EnterpriseProfile = z.infer<typeof EnterpriseProfile>;

/**
 * A firm's registration in one pilot, with the town or park it registered under there: the one
 * registered fact every project, SME enrolment and official's view of the firm in that pilot takes
 * its pilot and town from. One firm may take part in several pilots (000 and 004 in one district).
 */
export const Participation = z.object({
  uscc: Uscc,
  pilotId: z.string().min(1).max(40),
  town: z.string().min(1).max(40),
  registeredAt: z.iso.datetime(),
  registeredBy: z.string(),
});
export type Participation = z.infer<typeof Participation>;

/** An enterprise as one reader sees it: the profile and the registrations in pilots that reader may see. */
export type Enterprise = EnterpriseProfile & { participations: Participation[] };

export const UsccPath = z.object({ uscc: Uscc });
