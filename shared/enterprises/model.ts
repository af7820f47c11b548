import * as z from 'zod';
import { Uscc } from '../uscc';

export { Uscc };

/** 规上 / 规下: above or below the designated size for industrial statistics. */
export const EnterpriseScale = z.enum(['above', 'below']);
export type EnterpriseScale = z.infer<typeof EnterpriseScale>;

/** Contacts are personal data: shown to the enterprise and its officials, never published. */
export const Contact = z.object({
  name: z.string().trim().min(1).max(40),
  phone: z.string().trim().regex(/^[0-9+\-\s]{7,20}$/, '电话号码格式不正确'),
  email: z.email().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const RegisterEnterpriseInput = z.strictObject({
  uscc: Uscc,
  name: z.string().trim().min(2).max(100),
  pilotId: z.string().min(1).max(40),
  town: z.string().min(1).max(40),
  industry: z.string().trim().min(1).max(60),
  scale: EnterpriseScale,
  contact: Contact,
  /** Related parties the enterprise declares (控股、参股、同一实际控制人): their experts step aside from its reviews (issue 14 §2). */
  relatedParties: z.array(Uscc).max(50).optional(),
});
export type RegisterEnterpriseInput = z.infer<typeof RegisterEnterpriseInput>;

export const Enterprise = RegisterEnterpriseInput.extend({
  registeredAt: z.iso.datetime(),
  registeredBy: z.string(),
  version: z.number().int().positive(),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const UsccPath = z.object({ uscc: Uscc });
