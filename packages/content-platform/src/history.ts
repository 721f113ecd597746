/**
 * The migration history of the seed's "Migration History and Safety" document, as data: the
 * policy, the superseded destructive migrations (not part of this package's chain) with what
 * each would have destroyed, and the safe migrations that replace them. The README section is
 * rendered from this and from `strata migrate latest --dry-run` (src/history-document.ts); the
 * tests check that every object listed here exists, with rows, in a database built the old way.
 */

/** The package's migration policy, as declared in package.json `strata.policy`. */
export const POLICY = 'additive-only';

/** The rules of the policy, in the seed's words, each with what enforces it here. */
export const POLICY_RULES: readonly string[] = [
  '**No destructive operations** in migrations: no DROP (table, column, type, constraint, index…), TRUNCATE, DELETE, type change or rename — in up() and in down(). `strata lint` enforces it: each is an error of rule `additive-only` that no `lint.allow` acknowledgement can silence; and `strata migrate` rehearses each plan first and refuses it whole, before its first step, when any step would send one.',
  '**Additive-only approach**: only create, never drop. Every migration creates what is missing (`CREATE TABLE IF NOT EXISTS`, `ADD COLUMN IF NOT EXISTS`, constraints and indexes if missing), so the same SQL converges any database — empty, built by the superseded migrations, or already complete.',
  '**Backward compatibility**: existing data structures stay as they are — names, types (varchar(36) ids, naive `timestamp`s, `float` money, `json`) and the constraint names PostgreSQL gave them; the schema lint waives each with its reason (package.json `strata.schemaLint.waive`).',
  '**Safe rollbacks**: down() changes nothing. Rolling back only forgets the migration in the history; applying it again converges to the same schema — `strata check` proves it (up → down → up of each migration, and latest → rollback of everything → latest, give the same schema).',
];

/** One operation of a superseded downgrade and the data it would have destroyed. */
export interface DestructiveOperation {
  /** The SQL, as the seed lists it. */
  readonly sql: string;
  /** The tables, columns or types it removes, as `table`, `table.column` or `type name` (checked against the old-way fixture). */
  readonly objects: readonly string[];
  /** What is lost with them, for a reader. */
  readonly loses: string;
}

/** A superseded migration of the old Alembic history: never part of this package's chain. */
export interface SupersededMigration {
  /** The seed's revision id, e.g. `0004_billing_models`. */
  readonly revision: string;
  /** The seed's id of the safe migration that replaces it. */
  readonly supersededBy: string;
  readonly reason: string;
  readonly operations: readonly DestructiveOperation[];
}

const COLUMNS_OF_0010 = [
  'trial_start', 'trial_end', 'trial_used', 'coupon_code', 'coupon_discount_percent', 'coupon_discount_amount_cents',
  'coupon_expires_at', 'last_payment_date', 'last_payment_amount_cents',
] as const;

export const SUPERSEDED_MIGRATIONS: readonly SupersededMigration[] = [
  {
    revision: '0004_billing_models',
    supersededBy: '0011_safe_billing_models',
    reason: 'Contains destructive DROP operations in downgrade()',
    operations: [
      { sql: 'DROP TABLE organization_billing', objects: ['organization_billing'], loses: "every organisation's Stripe customer and subscription ids, plan, status, billing period, trial and coupon state" },
      { sql: 'DROP TYPE billing_status CASCADE', objects: ['type billing_status', 'organization_billing.status'], loses: 'the type and, through CASCADE, every column of that type' },
      { sql: 'DROP TYPE plan_tier CASCADE', objects: ['type plan_tier', 'organization_billing.plan', 'billing_history.plan'], loses: 'the type and, through CASCADE, every column of that type — after 0010 also the plan of every past payment in billing_history' },
    ],
  },
  {
    revision: '0005_templates_conversations',
    supersededBy: '0012_safe_templates_conversations',
    reason: 'Contains destructive DROP operations in downgrade()',
    operations: [
      { sql: 'DROP TABLE messages', objects: ['messages'], loses: 'every message of every conversation' },
      { sql: 'DROP TABLE conversations', objects: ['conversations'], loses: 'every conversation with customers on every channel' },
      { sql: 'DROP TABLE template_usage', objects: ['template_usage'], loses: 'which template produced which content item, with its inputs' },
      { sql: 'DROP TABLE asset_templates', objects: ['asset_templates'], loses: "every organisation's templates and the public ones" },
      { sql: 'DROP TYPE template_type', objects: ['type template_type'], loses: 'the type' },
    ],
  },
  {
    revision: '0009_ai_budget',
    supersededBy: '0013_safe_ai_budget',
    reason: 'Contains destructive DROP operations in downgrade()',
    operations: [
      { sql: 'DROP TABLE ai_budgets', objects: ['ai_budgets'], loses: "every organisation's daily token and cost limits and today's usage — AI spend is then unlimited" },
    ],
  },
  {
    revision: '0010_enhanced_billing',
    supersededBy: '0011_safe_billing_models',
    reason: 'Contains destructive DROP operations in downgrade()',
    operations: [
      { sql: 'DROP TABLE billing_history', objects: ['billing_history'], loses: 'every payment, failed payment and refund recorded' },
      { sql: 'DROP TABLE coupons', objects: ['coupons'], loses: 'every coupon code and its redemption count' },
      {
        sql: `Multiple DROP COLUMN operations on organization_billing (${COLUMNS_OF_0010.join(', ')})`,
        objects: COLUMNS_OF_0010.map((c) => `organization_billing.${c}`),
        loses: "each organisation's trial, applied coupon and last payment",
      },
      { sql: 'DROP TYPE plan_tier CASCADE', objects: ['type plan_tier', 'organization_billing.plan', 'billing_history.plan'], loses: "through CASCADE, the plan of every organisation and of every past payment — although 0010 did not create the type (0004 did)" },
    ],
  },
];

/** A safe migration of this package's chain, by the seed's id. */
export interface SafeMigration {
  /** The seed's id, e.g. `0011_safe_billing_models`. */
  readonly revision: string;
  /** The file in migrations/. */
  readonly file: string;
  readonly purpose: string;
}

export const SAFE_MIGRATIONS: readonly SafeMigration[] = [
  { revision: '0011_safe_billing_models', file: '20261125000011_safe_billing_models.ts', purpose: 'Ensures billing models exist without data loss: plan_tier, billing_status, organization_billing (with the 0010 columns), coupons, billing_history' },
  { revision: '0012_safe_templates_conversations', file: '20261125000012_safe_templates_conversations.ts', purpose: 'Ensures templates and conversations tables exist without data loss: template_type, asset_templates, template_usage, conversations, messages' },
  { revision: '0013_safe_ai_budget', file: '20261125000013_safe_ai_budget.ts', purpose: 'Ensures AI budget tracking exists without data loss: ai_budgets' },
];

/** The first migration of the chain: the tables the seed's foreign keys presuppose. */
export const BASELINE_MIGRATION: SafeMigration = {
  revision: 'baseline',
  file: '20261125000000_baseline_organizations_users_content_items.ts',
  purpose: 'The tables the foreign keys of 0011–0013 presuppose, as existing databases have them: organizations, users, content_items',
};

/** The seed's best practices, with the command that does each here. */
export const BEST_PRACTICES: readonly string[] = [
  '**Always use the safe migrations** for production deployments: they are the whole chain of this package; the superseded revisions exist only in old Alembic histories.',
  '**Test migrations** before production: `pnpm exec strata check` (every step on scratch databases, on PostgreSQL 14–18), and `pnpm exec strata migrate latest --dry-run` against a copy of the target to see the exact SQL.',
  '**Back up the database** before applying migrations (`pg_dump -Fc`).',
  '**Monitor migration progress**: `strata migrate` prints each migration with its duration; `strata migrate status` shows where a database stands. Each migration runs in its own transaction, so a failure leaves nothing of it applied.',
  '**Document custom migration logic** beside the code: each migration\'s doc comment says what it ensures and why it departs from the seed\'s sketch.',
];

/** The seed's emergency procedure, for a database on which a superseded downgrade ran. */
export const EMERGENCY_PROCEDURES: readonly string[] = [
  '**Stop all application traffic** immediately.',
  '**Restore from backup** if data loss is detected: a dropped table or column cannot be brought back by any migration.',
  '**Apply the safe migrations** (`pnpm exec strata migrate latest`) to restore every missing table, column, type, constraint and index — without touching what is there.',
  '**Verify data integrity** before resuming operations: `strata schema diff <database> schema.snapshot` must report no difference.',
  '**Update deployment procedures** to prevent future issues: only this package\'s chain migrates these databases.',
];
