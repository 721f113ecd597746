/**
 * The tables of the ISP schema, in the order the chain creates them (the step is named above each
 * group). FreeRADIUS's tables keep the names its rlm_sql module queries by default.
 */
export const Table = {
  // 1 — 7fbe30f0c3ed, foundation customer model
  /** Customer accounts, hierarchical: an enterprise or reseller parent with child accounts. */
  customers: 'customers',

  // 3 — 005a_add_locations_table
  /** Postal addresses with coordinates: service addresses, billing addresses, sites. */
  locations: 'locations',
  /** Which locations a customer uses, and for what (service, billing, mailing, installation). */
  customerLocations: 'customer_locations',

  // 4 — 006_add_network_infrastructure
  /** Points of presence, data centres, towers, cabinets. */
  sites: 'sites',
  /** Routers, BNGs, OLTs, switches, CPEs. */
  devices: 'devices',
  /** Ports and logical interfaces of devices. */
  interfaces: 'interfaces',
  /** Routing tables (VRFs); a NULL VRF is the global table, as in NetBox. */
  vrfs: 'vrfs',
  /** Top-level address blocks (RIR allocations, RFC 1918, CGNAT space); never overlapping. */
  ipAggregates: 'ip_aggregates',
  /** VLAN domains (a switch fabric, a site): VLAN ids are unique inside one. */
  vlanGroups: 'vlan_groups',
  /** VLANs, 1–4094 inside their group. */
  vlans: 'vlans',
  /** Assignable subnets; two prefixes of one VRF never overlap. */
  ipPrefixes: 'ip_prefixes',
  /** IP addresses, each inside its prefix and unique in its VRF. */
  ipAddresses: 'ip_addresses',

  // 5 — 007_add_radius_tables (FreeRADIUS rlm_sql names)
  /** Named RADIUS groups (a plan's policy, the suspended walled garden); FreeRADIUS reads the group tables below. */
  radiusGroups: 'radius_groups',
  /** Per-user check items (Cleartext-Password, …). */
  radcheck: 'radcheck',
  /** Per-user reply items (Framed-IP-Address, …). */
  radreply: 'radreply',
  /** Per-group check items. */
  radgroupcheck: 'radgroupcheck',
  /** Per-group reply items (rate limits, pools, interim interval). */
  radgroupreply: 'radgroupreply',
  /** Which groups a user is in, by priority. */
  radusergroup: 'radusergroup',
  /** Accounting sessions (Start / Interim-Update / Stop). */
  radacct: 'radacct',
  /** Authentication results (Access-Accept / Access-Reject). */
  radpostauth: 'radpostauth',

  // 6 — 008_add_radius_clients
  /** RADIUS clients (NAS, BNG) with their shared secrets, read by FreeRADIUS at start-up. */
  nas: 'nas',
  /** When each NAS last rebooted (Accounting-On/Off): sessions older than that are closed. */
  nasreload: 'nasreload',

  // 7 — 00ba038d8a2e, infrastructure base tables
  /** Operators: support agents, billing staff, network engineers, field technicians. */
  staffUsers: 'staff_users',
  /** What the monitoring system probes on each device or interface. */
  monitoringChecks: 'monitoring_checks',
  /** Results of check runs. */
  monitoringResults: 'monitoring_results',
  /** Alerts raised from checks, acknowledged and resolved by operators. */
  networkAlerts: 'network_alerts',

  // 8 — 4db3f05bfae9, service management
  /** The catalogue: internet, voice and bundle plans with prices and speeds. */
  servicePlans: 'service_plans',
  /** Which internet and voice plans a bundle plan is made of. */
  bundlePlanComponents: 'bundle_plan_components',
  /** A customer's subscribed services (a bundle's parts point at the bundle). */
  services: 'services',
  /** Internet details of a service: access technology, RADIUS username, static address. */
  internetServices: 'internet_services',
  /** Voice details of a service: telephone number, SIP username, emergency address. */
  voiceServices: 'voice_services',
  /** Provisioning jobs with their state and retries. */
  provisioningJobs: 'provisioning_jobs',

  // 9 — 35b46255a705, billing system
  /** Invoices. */
  invoices: 'invoices',
  /** Invoice lines. */
  invoiceLines: 'invoice_lines',
  /** Payments received. */
  payments: 'payments',
  /** How payments are applied to invoices. */
  paymentAllocations: 'payment_allocations',
  /** Credit notes. */
  creditNotes: 'credit_notes',
  /** The chart of accounts. */
  ledgerAccounts: 'ledger_accounts',
  /** Journal entries of the double-entry ledger. */
  journalEntries: 'journal_entries',
  /** Debit and credit lines; each entry balances (a deferred constraint trigger). */
  journalLines: 'journal_lines',

  // 10 — 9e1c7b520e78, comprehensive customer schema
  /** People to reach at a customer, by role. */
  customerContacts: 'customer_contacts',
  /** How a customer is billed: cycle, terms, currency, delivery, tax exemption. */
  customerBillingConfigs: 'customer_billing_configs',

  // 11 — create_ticketing_system
  /** SLA policies. */
  slaPolicies: 'sla_policies',
  /** Response and resolution targets of a policy, per priority. */
  slaTargets: 'sla_targets',
  /** Support tickets. */
  tickets: 'tickets',
  /** Replies and internal notes on tickets. */
  ticketComments: 'ticket_comments',
  /** The running SLA clocks of each ticket. */
  slaTimers: 'sla_timers',
  /** Field work orders: installations, repairs, removals. */
  workOrders: 'work_orders',

  // 12 — webhook_system_001
  /** Where webhooks are delivered. */
  webhookEndpoints: 'webhook_endpoints',
  /** The catalogue of event types. */
  webhookEventTypes: 'webhook_event_types',
  /** Which endpoint receives which event types. */
  webhookSubscriptions: 'webhook_subscriptions',
  /** Events to deliver (the outbox). */
  webhookEvents: 'webhook_events',
  /** One event to one endpoint, with its retry state. */
  webhookDeliveries: 'webhook_deliveries',

  // 13 — create_api_management_system
  /** Applications that call the API, owned by a customer or an operator. */
  apiClients: 'api_clients',
  /** API keys, stored as SHA-256 hashes with a lookup prefix. */
  apiKeys: 'api_keys',
  /** The catalogue of API scopes. */
  apiScopes: 'api_scopes',
  /** Which scopes each key has. */
  apiKeyScopes: 'api_key_scopes',

  // 14 — 2025_07_23_add_api_management
  /** Rate limit policies applied to keys. */
  rateLimitPolicies: 'rate_limit_policies',
  /** Hourly request counts per key. */
  apiUsage: 'api_usage',

  // 15 — create_communications_system
  /** Email and SMS templates per locale. */
  messageTemplates: 'message_templates',
  /** Every email and SMS sent, with the provider's delivery state. */
  messages: 'messages',
  /** Bulk sends of one template to an audience. */
  campaigns: 'campaigns',
  /** The customers of a campaign and what happened to each. */
  campaignRecipients: 'campaign_recipients',

  // 16 — 0016_create_file_storage_tables
  /** Object metadata of files kept in S3/MinIO. */
  storedFiles: 'stored_files',
  /** Files attached to tickets, work orders, customers, invoices. */
  fileAttachments: 'file_attachments',

  // 17 — create_plugin_system_tables
  /** Plugins known to the platform. */
  plugins: 'plugins',
  /** Released versions of each plugin. */
  pluginVersions: 'plugin_versions',
  /** The installed plugins and the version each runs. */
  pluginInstallations: 'plugin_installations',
  /** Settings of an installation; secret values only encrypted. */
  pluginSettings: 'plugin_settings',
} as const;
export type Table = (typeof Table)[keyof typeof Table];
