// A generated enterprise as the departments would send it: its register entry and its credit records as rows of the
// intake's templates, each with the department that sends it. The demo is seeded through the intake with these rows,
// so its profiles are built, checked and explained exactly as real data is.
import type { Enterprise } from '@shared/domain/model';
import { buildUscc } from '@shared/domain/uscc';
import type { IntakeKind } from '@shared/intake/kinds';
import type { LighthouseEventType } from '@shared/intake/lighthouse';
import { ENTITY_CATEGORY_INDIVIDUAL_BUSINESS, ENTITY_CATEGORY_ORGANISATION } from '@shared/intake/templates';
import { DEMO_COURT, DEMO_CREDIT_OFFICE, departmentId, departmentOfAuthority } from './catalogue';
import { addCalendarDays } from '@shared/calendar/dates';

export interface DemoIntakeRow {
  kind: IntakeKind;
  source: string;
  values: Record<string, string>;
  /** A disputed penalty's approvals in the demo (the generator's confirmations). */
  confirmations?: number;
}

/** Kinds in the order they are sent: the register first, repairs after the penalties they refer to. */
export const DEMO_INTAKE_ORDER: readonly IntakeKind[] = [
  'registrations',
  'penalties',
  'repairs',
  'listEntries',
  'dishonestDebtors',
  'scoreEvents',
];

const AMR = departmentId('amr');
const TAX = departmentId('tax');
const REGISTER_SOURCE = AMR;

const ENTERPRISE_TYPES: Record<Enterprise['entityCategory'], string> = {
  enterprise: '有限责任公司',
  individual_business: '个体工商户',
  farmers_cooperative: '农民专业合作社',
};

function hashOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

const authorityCodes = new Map<string, string>();

/** A government body's USCC (registration authority 1, organs): stable per name, valid by construction. */
export function authorityUscc(name: string, districtCode: string): string {
  let code = authorityCodes.get(name);
  if (!code) {
    code = buildUscc('1', '1', districtCode, String(hashOf(name) % 100_000_000).padStart(8, '0'));
    authorityCodes.set(name, code);
  }
  return code;
}

const wan = (yuan: number) => String(yuan / 10_000);

/** Score events the departments send, recognised by the generator's reasons; the others follow from records. */
function scoreEventType(event: Enterprise['lighthouseEvents'][number]): { type: LighthouseEventType; source: string } | null {
  if (event.kind === 'add' && event.points === 2 && event.reason.includes('年度报告'))
    return { type: 'annual_report_on_time', source: AMR };
  if (event.kind === 'deduct' && event.reason.startsWith('未按时报送')) return { type: 'annual_report_late', source: AMR };
  if (event.reason.startsWith('纳税信用等级评为A级')) return { type: 'tax_credit_a', source: TAX };
  if (event.reason === '参与公益慈善捐赠') return { type: 'charity_donation', source: DEMO_CREDIT_OFFICE.id };
  if (event.reason === '未履行告知承诺事项') return { type: 'commitment_breach', source: DEMO_CREDIT_OFFICE.id };
  return null;
}

export function intakeRowsOf(enterprise: Enterprise): DemoIntakeRow[] {
  const { uscc, name, districtCode } = enterprise;
  const rows: DemoIntakeRow[] = [];
  rows.push({
    kind: 'registrations',
    source: REGISTER_SOURCE,
    values: {
      uscc,
      name,
      type: ENTERPRISE_TYPES[enterprise.entityCategory],
      legalRepresentative: enterprise.legalRepresentative,
      registeredCapital: wan(enterprise.registeredCapitalYuan),
      establishedOn: enterprise.establishedOn,
      address: enterprise.address,
      districtCode,
      registrationAuthority: '烟台市市场监督管理局',
      registrationStatus: '存续',
      industry: enterprise.industry,
      longitude: String(enterprise.location.lng),
      latitude: String(enterprise.location.lat),
      riskClass: enterprise.riskClass,
    },
  });
  const subject = {
    entityName: name,
    entityCategory:
      enterprise.entityCategory === 'individual_business' ? ENTITY_CATEGORY_INDIVIDUAL_BUSINESS : ENTITY_CATEGORY_ORGANISATION,
    uscc,
    ...(enterprise.entityCategory === 'individual_business' ? {} : { legalRepresentative: enterprise.legalRepresentative }),
  };
  for (const penalty of enterprise.penalties) {
    const source = departmentOfAuthority(penalty.authority);
    const authorityCode = authorityUscc(penalty.authority, districtCode);
    rows.push({
      kind: 'penalties',
      source,
      confirmations: penalty.confirmations,
      values: {
        ...subject,
        decisionNumber: penalty.decisionNumber,
        violationType: penalty.reason,
        violationFacts: `当事人${penalty.reason}（所属行业：${enterprise.industry}）。`,
        legalBasis: '《中华人民共和国行政处罚法》',
        penaltyCategories: penalty.amountYuan > 0 ? '罚款' : '警告',
        penaltyContent: penalty.amountYuan > 0 ? `罚款${penalty.amountYuan}元` : '警告',
        ...(penalty.amountYuan > 0 ? { fineAmount: wan(penalty.amountYuan) } : {}),
        decidedOn: penalty.decidedOn,
        validUntil: penalty.publicityEndsOn,
        publicityEndsOn: penalty.publicityEndsOn,
        authority: penalty.authority,
        authorityUscc: authorityCode,
        dataSource: penalty.authority,
        dataSourceUscc: authorityCode,
      },
    });
  }
  for (const repair of enterprise.creditRepairs) {
    const penalty = enterprise.penalties.find((p) => p.id === repair.penaltyId)!;
    rows.push({
      kind: 'repairs',
      source: departmentOfAuthority(penalty.authority),
      values: {
        uscc,
        entityName: name,
        penaltyAuthority: penalty.authority,
        penaltyDecisionNumber: penalty.decisionNumber,
        appliedOn: repair.appliedOn,
        outcome: repair.status === 'approved' ? '准予修复' : repair.status === 'rejected' ? '不予修复' : '待审核',
        ...(repair.decidedOn ? { decidedOn: repair.decidedOn } : {}),
        authority: penalty.authority,
      },
    });
  }
  for (const [list, entries] of [
    ['红名单', enterprise.redList],
    ['黑名单', enterprise.blackList],
  ] as const) {
    for (const entry of entries) {
      rows.push({
        kind: 'listEntries',
        source: list === '红名单' ? DEMO_CREDIT_OFFICE.id : AMR,
        values: {
          listType: list,
          entityName: name,
          uscc,
          decisionNumber: `烟信${list === '红名单' ? '红' : '黑'}〔${entry.listedOn.slice(0, 4)}〕${hashOf(entry.id) % 9000}号`,
          authority: entry.authority,
          reason: entry.reason,
          listedOn: entry.listedOn,
          ...(entry.removedOn ? { removedOn: entry.removedOn } : {}),
        },
      });
    }
  }
  for (const debtor of enterprise.dishonestDebtors) {
    rows.push({
      kind: 'dishonestDebtors',
      source: DEMO_COURT.id,
      values: {
        entityName: name,
        uscc,
        legalRepresentative: enterprise.legalRepresentative,
        court: debtor.court,
        province: '山东',
        filedOn: addCalendarDays(debtor.listedOn, -30),
        caseNumber: debtor.caseNumber,
        obligation: debtor.obligation,
        performance: '全部未履行',
        conduct: '有履行能力而拒不履行生效法律文书确定义务',
        publishedOn: debtor.listedOn,
        expiresOn: debtor.expiresOn,
      },
    });
  }
  for (const event of enterprise.lighthouseEvents) {
    const sent = scoreEventType(event);
    if (!sent) continue;
    rows.push({
      kind: 'scoreEvents',
      source: sent.source,
      values: {
        uscc,
        entityName: name,
        eventType: sent.type,
        eventDate: event.date,
        description: event.reason,
        authority:
          sent.source === TAX
            ? '国家税务总局烟台市税务局'
            : sent.source === AMR
              ? '烟台市市场监督管理局'
              : '烟台市社会信用体系建设领导小组办公室',
      },
    });
  }
  return rows;
}
