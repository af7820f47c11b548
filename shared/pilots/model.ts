import * as z from 'zod';

/**
 * A city pilot (试点): its kind, its towns/parks and its indicators with their own targets. Several
 * pilots (cities) live side by side (工信厅联规函〔2025〕108号).
 */
export const PilotKind = z.enum(['tech_transformation', 'sme_digital']);
export type PilotKind = z.infer<typeof PilotKind>;

export const Town = z.object({ code: z.string().min(1), name: z.string().min(1) });
export type Town = z.infer<typeof Town>;

/** ≥ for most indicators; ≤ where lower is better (e.g. 规上工业单位增加值能耗). */
export const IndicatorDirection = z.enum(['at_least', 'at_most']);
export type IndicatorDirection = z.infer<typeof IndicatorDirection>;

/**
 * How a derived indicator is computed from the platform's own records (shared/indicators/derived.ts
 * holds each rule with its seed clause). Absent on a reported indicator.
 */
export const IndicatorDerivation = z.enum([
  'above_scale_firms_transformed',
  'accepted_key_projects',
  'local_funds',
  'providers_in_pool',
  'providers_comprehensive',
  'providers_industry',
  'catalogue_products',
  'sme_transformed',
  'sme_level_2',
  'sme_level_3',
  'sme_level_4',
]);
export type IndicatorDerivation = z.infer<typeof IndicatorDerivation>;

export const Indicator = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  unit: z.string(),
  target: z.number(),
  targetDate: z.iso.date(),
  direction: IndicatorDirection,
  responsibleUnit: z.string().optional(),
  /** reported by a data unit, or derived from the platform's own records */
  source: z.enum(['reported', 'derived']),
  /** for a derived indicator: which rule computes it */
  derivation: IndicatorDerivation.optional(),
  /** the starting point of the expected path to the target, when the plan states one */
  baseline: z.object({ value: z.number(), date: z.iso.date() }).optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const Pilot = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  city: z.string().min(1),
  kind: PilotKind,
  /** GB/T 2260 division code, e.g. 120114 武清区 */
  division: z.string().regex(/^\d{6}$/),
  periodStart: z.iso.date(),
  periodEnd: z.iso.date(),
  towns: z.array(Town),
  indicators: z.array(Indicator),
  /** the seed document the plan comes from */
  source: z.string(),
});
export type Pilot = z.infer<typeof Pilot>;

/** What anyone may see of a pilot. */
export function pilotSummary(pilot: Pilot): Omit<Pilot, 'indicators' | 'towns'> & { indicatorCount: number; townCount: number } {
  const { indicators, towns, ...rest } = pilot;
  return { ...rest, indicatorCount: indicators.length, townCount: towns.length };
}
