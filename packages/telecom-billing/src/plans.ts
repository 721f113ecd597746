/**
 * The three rate plans of the seed's table, the reference data every environment gets.
 * Amounts are whole rupees (INR); the money columns are numeric(19,4), so they are stored exactly.
 */

/** Feature flags of a plan, stored as the plan's `features` JSONB. */
export interface PlanFeatures {
  readonly voicemail: boolean;
  readonly call_forwarding: boolean;
  readonly call_recording: boolean;
  readonly ivr: boolean;
  readonly api_access: boolean;
  readonly auto_dialer: boolean;
  readonly crm_integration: boolean;
  readonly dedicated_account_manager: boolean;
  /** Support channels. */
  readonly support: readonly ('email' | 'chat' | 'phone')[];
  /** `business` = Mon–Sat office hours; `24x7` = round the clock. */
  readonly support_hours: 'business' | '24x7';
}

/** One row of the seed's rate plan table. */
export interface RatePlan {
  /** Natural key: what the application and the seeds look a plan up by. */
  readonly code: string;
  readonly name: string;
  readonly description: string;
  /** Rupees per month, billed monthly. */
  readonly monthlyPrice: number;
  /** Rupees per year, billed annually. */
  readonly annualPrice: number;
  readonly includedMinutes: number;
  readonly maxDids: number;
  readonly maxConcurrentCalls: number;
  readonly features: PlanFeatures;
  readonly sortOrder: number;
}

/** Plan codes, the natural keys of the three plans. */
export const PlanCode = {
  /** ₹349/month: one number, basic features. */
  starter: 'starter',
  /** ₹999/month: recording, IVR, API. */
  professional: 'professional',
  /** ₹4,999/month: dialer, CRM, 24x7 support. */
  callCenter: 'call_center',
} as const;
export type PlanCode = (typeof PlanCode)[keyof typeof PlanCode];

/**
 * Starter: voicemail, call forwarding, email support. Professional adds call recording,
 * IVR, API access and chat support. Call Center adds the auto dialer, CRM integration,
 * 24x7 support and a dedicated manager. Each tier keeps the features of the one below.
 */
export const RATE_PLANS: readonly RatePlan[] = [
  {
    code: PlanCode.starter,
    name: 'Starter',
    description: 'Basic features for individuals: voicemail, call forwarding, email support',
    monthlyPrice: 349,
    annualPrice: 4008,
    includedMinutes: 500,
    maxDids: 1,
    maxConcurrentCalls: 2,
    sortOrder: 1,
    features: {
      voicemail: true,
      call_forwarding: true,
      call_recording: false,
      ivr: false,
      api_access: false,
      auto_dialer: false,
      crm_integration: false,
      dedicated_account_manager: false,
      support: ['email'],
      support_hours: 'business',
    },
  },
  {
    code: PlanCode.professional,
    name: 'Professional',
    description: 'Advanced features for small businesses: call recording, IVR, API access, email and chat support',
    monthlyPrice: 999,
    annualPrice: 11508,
    includedMinutes: 2000,
    maxDids: 3,
    maxConcurrentCalls: 5,
    sortOrder: 2,
    features: {
      voicemail: true,
      call_forwarding: true,
      call_recording: true,
      ivr: true,
      api_access: true,
      auto_dialer: false,
      crm_integration: false,
      dedicated_account_manager: false,
      support: ['email', 'chat'],
      support_hours: 'business',
    },
  },
  {
    code: PlanCode.callCenter,
    name: 'Call Center',
    description: 'Enterprise features: auto dialer, CRM integration, 24x7 support, dedicated account manager',
    monthlyPrice: 4999,
    annualPrice: 49990,
    includedMinutes: 10000,
    maxDids: 10,
    maxConcurrentCalls: 25,
    sortOrder: 3,
    features: {
      voicemail: true,
      call_forwarding: true,
      call_recording: true,
      ivr: true,
      api_access: true,
      auto_dialer: true,
      crm_integration: true,
      dedicated_account_manager: true,
      support: ['email', 'chat', 'phone'],
      support_hours: '24x7',
    },
  },
];

/** The plan with a code; throws when the code is unknown (a typo in a seed). */
export function planByCode(code: PlanCode): RatePlan {
  const plan = RATE_PLANS.find((candidate) => candidate.code === code);
  if (!plan) throw new Error(`no rate plan with code ${code}`);
  return plan;
}
