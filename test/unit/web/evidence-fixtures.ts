import type { EvidenceCategory } from '../../../shared/evidence/categories';
import type { EvidenceHolder } from '../../../shared/evidence/holder';
import type { EvidenceView } from '../../../shared/evidence/model';
import { PILOT, PROVIDER_ID } from '../providers/fixtures';

/** Evidence as GET …/evidence lists it, for the web app's tests of pickers and uploads. */
export const PROVIDER_HOLDER: EvidenceHolder = { type: 'provider', pilotId: PILOT, providerId: PROVIDER_ID };

let minute = 0;

export function evidenceOf(id: string, category: EvidenceCategory, fileName = `${id}.pdf`, holder: EvidenceHolder = PROVIDER_HOLDER): EvidenceView {
  minute += 1;
  return {
    id,
    holder,
    category,
    fileName,
    contentType: 'application/pdf',
    size: 2048,
    sha256: id.padEnd(64, '0').slice(0, 64),
    uploader: { subject: 'u-fuwushang', name: '天津智造云服务有限公司', role: 'provider' },
    uploadedAt: new Date(Date.UTC(2025, 5, 1, 2, minute)).toISOString(),
  };
}

/** One file per registration material, two case studies, and a rectification report, uploaded in this order. */
export function providerFiles(): EvidenceView[] {
  return [
    evidenceOf('ev-form', 'provider_application', '申报书.pdf'),
    evidenceOf('ev-licence', 'business_licence', '营业执照.pdf'),
    evidenceOf('ev-fs-2024', 'financial_statement', '2024年财务报表.pdf'),
    evidenceOf('ev-iso', 'qualification', 'ISO9001.pdf'),
    evidenceOf('ev-case-1', 'case_study', '案例一.pdf'),
    evidenceOf('ev-case-2', 'case_study', '案例二.pdf'),
    evidenceOf('ev-cv-1', 'expert_resume', '专家简历.pdf'),
    evidenceOf('ev-local', 'service_commitment', '本地化服务承诺.pdf'),
    evidenceOf('ev-rect', 'rectification_report', '整改报告.pdf'),
  ];
}
