import { z } from 'zod';

/** The due-diligence assessment every non-ACCEPT status needs (docs/governance.md), as the form edits it. */
export const Assessment = z.object({
  trigger: z.string(),
  triggerDate: z.string(),
  effectOnPrivacyAndExpression: z.string(),
  effectOnProducts: z.string(),
  affectedGroups: z.array(z.string()),
  expertsConsulted: z.array(z.string()),
  mitigations: z.array(z.string()),
  recommendation: z.string(),
  seniorSignOff: z.object({ name: z.string(), title: z.string(), date: z.string() }),
  nextReviewDate: z.string(),
});
export type Assessment = z.infer<typeof Assessment>;

export const emptyAssessment: Assessment = {
  trigger: '',
  triggerDate: '',
  effectOnPrivacyAndExpression: '',
  effectOnProducts: '',
  affectedGroups: [],
  expertsConsulted: [],
  mitigations: [],
  recommendation: '',
  seniorSignOff: { name: '', title: '', date: '' },
  nextReviewDate: '',
};

/** A version's stored assessment, when it has one the form can start from. */
export function assessmentOf(value: unknown): Assessment | undefined {
  const parsed = Assessment.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

type ListField = 'affectedGroups' | 'expertsConsulted' | 'mitigations';
/** The assessment as typed: lists stay text (one entry per line) until the proposal is sent. */
export type AssessmentDraft = Omit<Assessment, ListField> & Readonly<Record<ListField, string>>;

export function draftOf(a: Assessment): AssessmentDraft {
  return {
    ...a,
    affectedGroups: a.affectedGroups.join('\n'),
    expertsConsulted: a.expertsConsulted.join('\n'),
    mitigations: a.mitigations.join('\n'),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function assessmentOfDraft(d: AssessmentDraft): Assessment {
  return {
    ...d,
    affectedGroups: lines(d.affectedGroups),
    expertsConsulted: lines(d.expertsConsulted),
    mitigations: lines(d.mitigations),
  };
}
