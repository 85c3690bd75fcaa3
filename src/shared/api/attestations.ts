// Attestations: an officer present enters their own credentials on another officer's laptop, to sign that officer's
// section or to confirm a refusal to sign there. Online, the endpoint checks the password and keeps the attestation.
import { z } from 'zod';
import { lineText } from '../text/plainText';
import { idSchema, isoDateTimeSchema, sha256Schema } from '../domain/model';

export const ATTESTATION_PURPOSES = ['officer_signature', 'signature_refusal'] as const;
export type AttestationPurpose = (typeof ATTESTATION_PURPOSES)[number];

/** The officer present, by their own credentials, and the task they attest on. */
const attestingOfficer = z.object({ username: lineText().min(1).max(100), password: lineText().min(1).max(200), taskId: idSchema });

export const createAttestationRequestSchema = z.discriminatedUnion('purpose', [
  attestingOfficer.extend({
    /** Their signature, by the sha256 of its image. */
    purpose: z.literal('officer_signature'),
    subject: sha256Schema,
  }),
  attestingOfficer.extend({
    /** Their confirmation that the representative refused to sign the section of this department. */
    purpose: z.literal('signature_refusal'),
    subject: idSchema,
  }),
]);
export type CreateAttestationRequest = z.infer<typeof createAttestationRequestSchema>;

export const attestationResponseSchema = z.object({
  id: z.string(),
  officerId: z.string(),
  officerName: z.string(),
  at: isoDateTimeSchema,
});
export type AttestationResponse = z.infer<typeof attestationResponseSchema>;

/** An officer present confirms, signed in on their own device, that the representative refused to sign that section. */
export const confirmRefusalRequestSchema = z.object({
  taskId: idSchema,
  /** The department of the section the representative refused to sign. */
  departmentId: idSchema,
});

export const attestationListQuerySchema = z.object({ taskId: idSchema });

export const attestationSummarySchema = attestationResponseSchema.extend({
  purpose: z.enum(ATTESTATION_PURPOSES),
  subject: z.string(),
});
export type AttestationSummary = z.infer<typeof attestationSummarySchema>;
export const attestationListSchema = z.object({ attestations: z.array(attestationSummarySchema) });
export type AttestationList = z.infer<typeof attestationListSchema>;
