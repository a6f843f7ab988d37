/**
 * The appointment policy's schema and type live in the shared package
 * (packages/shared/src/appointment-config.ts), beside the hall config they become part of.
 * Until `@hall/shared` re-exports that file, this is the one place that names it by path;
 * everything in the appointment engine imports the policy from here.
 */
export {
  AppointmentPolicySchema,
  BOOKING_CHANNELS,
  BOOKING_CHANNEL_NAMES,
  DEFAULT_APPOINTMENT_POLICY,
  appointmentPolicyIssues,
  type AppointmentPolicy,
  type AppointmentPolicyInput,
  type ApplicantCancelRule,
  type BookingChannel,
  type LeadTimePolicy,
  type PolicyIssue,
} from '@hall/shared';
