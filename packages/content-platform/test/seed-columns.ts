/**
 * The columns of every table as the seed's SQL preview writes them (copied verbatim, with the
 * reserved word "current_date" quoted), and the baseline's, translated into the way a schema
 * snapshot prints a column (`org_id: character varying(36) not null`), so the tests compare
 * the migrated database with the seed's own text.
 */

/** Column lines of the seed's CREATE TABLE statements (0011–0013) and of the baseline. */
export const SEED_COLUMNS: Readonly<Record<string, string>> = {
  organizations: `
    id VARCHAR(36) NOT NULL,
    name VARCHAR(255) NOT NULL,
    slug VARCHAR(100) NOT NULL,
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL`,
  users: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    email VARCHAR(255) NOT NULL,
    full_name VARCHAR(255),
    role VARCHAR(20) NOT NULL DEFAULT 'member',
    is_active BOOLEAN NOT NULL DEFAULT true,
    last_login_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL`,
  content_items: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    created_by VARCHAR(36),
    title VARCHAR(255) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'draft',
    prompt TEXT,
    body TEXT,
    media_url VARCHAR(500),
    metadata JSON,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL`,
  organization_billing: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    stripe_customer_id VARCHAR(255),
    stripe_subscription_id VARCHAR(255),
    plan plan_tier NOT NULL DEFAULT 'starter',
    status billing_status NOT NULL DEFAULT 'active',
    current_period_start TIMESTAMP,
    current_period_end TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    trial_start TIMESTAMP,
    trial_end TIMESTAMP,
    trial_used BOOLEAN NOT NULL DEFAULT false,
    coupon_code VARCHAR(100),
    coupon_discount_percent INTEGER,
    coupon_discount_amount_cents INTEGER,
    coupon_expires_at TIMESTAMP,
    last_payment_date TIMESTAMP,
    last_payment_amount_cents INTEGER,
    next_payment_date TIMESTAMP,
    next_payment_amount_cents INTEGER,
    notes TEXT`,
  coupons: `
    id VARCHAR(36) NOT NULL,
    code VARCHAR(100) NOT NULL,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    discount_type VARCHAR(20) NOT NULL,
    discount_value INTEGER NOT NULL,
    valid_from TIMESTAMP NOT NULL,
    valid_until TIMESTAMP,
    max_uses INTEGER,
    used_count INTEGER NOT NULL DEFAULT 0,
    applicable_plans TEXT,
    min_amount_cents INTEGER,
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL`,
  billing_history: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    stripe_payment_intent_id VARCHAR(255),
    amount_cents INTEGER NOT NULL,
    currency VARCHAR(3) NOT NULL DEFAULT 'usd',
    description VARCHAR(500) NOT NULL,
    plan plan_tier NOT NULL,
    status VARCHAR(20) NOT NULL,
    coupon_code VARCHAR(100),
    discount_amount_cents INTEGER,
    created_at TIMESTAMP NOT NULL,
    processed_at TIMESTAMP`,
  asset_templates: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36),
    name VARCHAR(255) NOT NULL,
    description TEXT,
    type template_type NOT NULL,
    spec JSON NOT NULL,
    is_public BOOLEAN NOT NULL DEFAULT false,
    created_at TIMESTAMP NOT NULL,
    created_by VARCHAR(36)`,
  template_usage: `
    id VARCHAR(36) NOT NULL,
    template_id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    content_item_id VARCHAR(36),
    used_at TIMESTAMP NOT NULL,
    inputs JSON`,
  conversations: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    channel VARCHAR(32) NOT NULL,
    peer_id VARCHAR(255) NOT NULL,
    last_message_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL`,
  messages: `
    id VARCHAR(36) NOT NULL,
    conversation_id VARCHAR(36) NOT NULL,
    direction VARCHAR(16) NOT NULL,
    text TEXT,
    media_url VARCHAR(500),
    metadata JSON,
    created_at TIMESTAMP NOT NULL`,
  ai_budgets: `
    id VARCHAR(36) NOT NULL,
    org_id VARCHAR(36) NOT NULL,
    daily_token_limit INTEGER NOT NULL DEFAULT 100000,
    daily_cost_limit_gbp FLOAT NOT NULL DEFAULT 50.0,
    "current_date" DATE NOT NULL DEFAULT CURRENT_DATE,
    tokens_used_today INTEGER NOT NULL DEFAULT 0,
    cost_gbp_today FLOAT NOT NULL DEFAULT 0.0,
    is_active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL DEFAULT NOW(),
    updated_at TIMESTAMP NOT NULL DEFAULT NOW()`,
};

const TYPES: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^VARCHAR\((\d+)\)$/, (m) => `character varying(${m[1]})`],
  [/^TIMESTAMP$/, () => 'timestamp without time zone'],
  [/^FLOAT$/, () => 'double precision'],
  [/^(INTEGER|BOOLEAN|TEXT|JSON|DATE)$/, (m) => m[1]!.toLowerCase()],
  [/^([a-z_]+)$/, (m) => m[1]!],
];

/** `plan plan_tier NOT NULL DEFAULT 'starter'` → `plan: plan_tier not null default 'starter'::plan_tier`. */
export function snapshotColumn(seedLine: string): string {
  const match = /^("?[a-z_]+"?) (\S+)( NOT NULL)?(?: DEFAULT (.+))?$/.exec(seedLine.trim().replace(/,$/, ''));
  if (!match) throw new Error(`cannot read seed column line: ${seedLine}`);
  const [, rawName, rawType, notNull, rawDefault] = match;
  const rule = TYPES.map(([re, to]) => [re.exec(rawType!), to] as const).find(([m]) => m !== null);
  if (!rule) throw new Error(`unknown seed type ${rawType}`);
  const type = rule[1](rule[0]!);
  let defaultSql = '';
  if (rawDefault !== undefined) {
    // PostgreSQL prints a string literal default with a cast to the column type; NOW() as now().
    const value = rawDefault.startsWith("'") ? `${rawDefault}::${type.replace(/\(\d+\)$/, '')}` : rawDefault === 'NOW()' ? 'now()' : rawDefault;
    defaultSql = ` default ${value}`;
  }
  return `${rawName!.replace(/"/g, '')}: ${type} ${notNull ? 'not null' : 'null'}${defaultSql}`;
}

/** The columns of a table as a snapshot prints them, in order. */
export function seedColumns(table: string): string[] {
  const text = SEED_COLUMNS[table];
  if (text === undefined) throw new Error(`no seed columns for ${table}`);
  return text.split('\n').filter((line) => line.trim() !== '').map(snapshotColumn);
}
