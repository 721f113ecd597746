/**
 * The native PostgreSQL enum types of the ISP schema, defined once for migrations, seeds and tests.
 *
 * Each list is what its type was created with (the creating step is named on each). A migration
 * pins the values it creates (`X.create(knex, { values: [...] })`), so it keeps meaning what it
 * meant when it ran. Never edit a list in place: add a value with a new migration
 * (`X.addValue(knex, 'value')`) and append it here in the same change.
 */
import { defineEnum } from '@strata/core';

// Step 1 — 7fbe30f0c3ed, foundation customer model

/** What kind of account a customer is; resellers and enterprises usually have child accounts. */
export const CustomerType = defineEnum('customer_type', ['residential', 'business', 'enterprise', 'reseller'] as const);

/** Lifecycle of a customer account: a prospect has no service yet; cancelled is final. */
export const CustomerStatus = defineEnum('customer_status', ['prospect', 'active', 'suspended', 'cancelled'] as const);

// Step 3 — 005a_add_locations_table

/** What a customer uses an address for. */
export const LocationPurpose = defineEnum('location_purpose', ['service', 'billing', 'mailing', 'installation'] as const);

// Step 4 — 006_add_network_infrastructure

/** What a network site is: a point of presence, a data centre, a tower, a street cabinet… */
export const SiteType = defineEnum('site_type', ['pop', 'data_center', 'tower', 'street_cabinet', 'office', 'warehouse'] as const);

/** Lifecycle of a site. */
export const SiteStatus = defineEnum('site_status', ['planned', 'active', 'decommissioned'] as const);

/** The job a network device does (NetBox's device role, as a closed list). */
export const DeviceRole = defineEnum(
  'device_role',
  ['core_router', 'edge_router', 'bng', 'olt', 'switch', 'access_point', 'firewall', 'server', 'cpe'] as const,
);

/** Lifecycle of a device (NetBox's device status). */
export const DeviceStatus = defineEnum('device_status', ['planned', 'staged', 'active', 'offline', 'decommissioned'] as const);

/** Physical or logical kind of an interface. */
export const InterfaceType = defineEnum(
  'interface_type',
  ['ethernet', 'sfp', 'sfp_plus', 'qsfp', 'gpon', 'lag', 'vlan', 'loopback', 'virtual', 'wireless'] as const,
);

/** Status of a prefix or VLAN (NetBox's, without `container`: containers are aggregates here). */
export const IpamStatus = defineEnum('ipam_status', ['active', 'reserved', 'deprecated'] as const);

/** What a prefix is used for. */
export const PrefixRole = defineEnum(
  'prefix_role',
  ['infrastructure', 'loopback', 'point_to_point', 'management', 'customer_static', 'customer_pool', 'cgnat'] as const,
);

/** Status of an IP address (NetBox's: `dhcp` = handed out by a DHCP server or a RADIUS pool). */
export const IpAddressStatus = defineEnum('ip_address_status', ['active', 'reserved', 'deprecated', 'dhcp'] as const);

/** Special role of an IP address (NetBox's), NULL for an ordinary one. */
export const IpAddressRole = defineEnum('ip_address_role', ['loopback', 'secondary', 'gateway', 'vip', 'anycast'] as const);

// Step 7 — 00ba038d8a2e, infrastructure base tables

/** What an operator (staff user) does. */
export const StaffRole = defineEnum(
  'staff_role',
  ['admin', 'support_agent', 'billing_agent', 'network_engineer', 'field_technician'] as const,
);

/** What a monitoring check probes. */
export const MonitoringCheckType = defineEnum(
  'monitoring_check_type',
  ['icmp_ping', 'snmp_interface', 'http', 'bgp_session', 'optical_power'] as const,
);

/** Outcome of a monitoring check run (Nagios-style states). */
export const MonitoringState = defineEnum('monitoring_state', ['ok', 'warning', 'critical', 'unknown'] as const);

/** How bad a network alert is. */
export const AlertSeverity = defineEnum('alert_severity', ['info', 'warning', 'major', 'critical'] as const);

/** Where an alert is in its handling. */
export const AlertStatus = defineEnum('alert_status', ['open', 'acknowledged', 'resolved'] as const);

// Step 8 — 4db3f05bfae9, service management

/** The three service families of the seed: internet, voice and bundles of both. */
export const ServiceType = defineEnum('service_type', ['internet', 'voice', 'bundle'] as const);

/** Whether a plan can still be sold; retired plans keep serving their existing services. */
export const PlanStatus = defineEnum('plan_status', ['active', 'retired'] as const);

/** Lifecycle of a customer's service. */
export const ServiceStatus = defineEnum('service_status', ['pending', 'provisioning', 'active', 'suspended', 'cancelled'] as const);

/** Access technology of an internet service. */
export const ConnectionType = defineEnum('connection_type', ['fiber', 'dsl', 'fixed_wireless', 'cable', 'ethernet'] as const);

/** What a provisioning job does to a service on the network. */
export const ProvisioningAction = defineEnum(
  'provisioning_action',
  ['activate', 'suspend', 'resume', 'change_plan', 'cancel'] as const,
);

/** Where a provisioning job is. */
export const ProvisioningJobState = defineEnum(
  'provisioning_job_state',
  ['pending', 'running', 'succeeded', 'failed', 'cancelled'] as const,
);

// Step 9 — 35b46255a705, billing system

/** Lifecycle of an invoice; an issued invoice is voided (and credited), never deleted. */
export const InvoiceStatus = defineEnum(
  'invoice_status',
  ['draft', 'issued', 'partially_paid', 'paid', 'void', 'written_off'] as const,
);

/** How a payment was made. */
export const PaymentMethod = defineEnum(
  'payment_method',
  ['card', 'bank_transfer', 'direct_debit', 'cash', 'cheque', 'mobile_money'] as const,
);

/** Lifecycle of a payment. */
export const PaymentStatus = defineEnum('payment_status', ['pending', 'completed', 'failed', 'refunded'] as const);

/** Lifecycle of a credit note. */
export const CreditNoteStatus = defineEnum('credit_note_status', ['draft', 'issued', 'applied', 'void'] as const);

/** The five account classes of double-entry bookkeeping. */
export const LedgerAccountType = defineEnum(
  'ledger_account_type',
  ['asset', 'liability', 'equity', 'revenue', 'expense'] as const,
);

/** What business event a journal entry records. */
export const JournalSource = defineEnum(
  'journal_source',
  ['invoice', 'payment', 'credit_note', 'adjustment', 'reversal'] as const,
);

// Step 10 — 9e1c7b520e78, comprehensive customer schema

/** What a customer contact is reached for. */
export const ContactRole = defineEnum('contact_role', ['primary', 'billing', 'technical', 'emergency'] as const);

/** How often a customer is invoiced. */
export const BillingCycle = defineEnum('billing_cycle', ['monthly', 'quarterly', 'annual'] as const);

/** How invoices reach a customer. */
export const InvoiceDelivery = defineEnum('invoice_delivery', ['email', 'post', 'portal'] as const);

// Step 11 — create_ticketing_system

/** Priority of a ticket; SLA targets are set per priority. */
export const TicketPriority = defineEnum('ticket_priority', ['low', 'normal', 'high', 'urgent'] as const);

/** Lifecycle of a ticket. `pending_customer` and `on_hold` pause the SLA clock. */
export const TicketStatus = defineEnum(
  'ticket_status',
  ['new', 'open', 'pending_customer', 'on_hold', 'resolved', 'closed'] as const,
);

/** What a ticket is about. */
export const TicketCategory = defineEnum(
  'ticket_category',
  ['technical', 'billing', 'installation', 'outage', 'general'] as const,
);

/** Where a ticket came from (`monitoring`: opened from a network alert). */
export const TicketChannel = defineEnum(
  'ticket_channel',
  ['phone', 'email', 'portal', 'chat', 'field', 'monitoring'] as const,
);

/** The two clocks of an SLA. */
export const SlaTimerKind = defineEnum('sla_timer_kind', ['first_response', 'resolution'] as const);

/** State of an SLA clock. */
export const SlaTimerStatus = defineEnum('sla_timer_status', ['running', 'paused', 'met', 'breached'] as const);

/** What a field technician is sent to do. */
export const WorkOrderType = defineEnum(
  'work_order_type',
  ['installation', 'repair', 'upgrade', 'removal', 'site_survey'] as const,
);

/** Lifecycle of a field work order. */
export const WorkOrderStatus = defineEnum(
  'work_order_status',
  ['scheduled', 'dispatched', 'in_progress', 'completed', 'cancelled'] as const,
);

// Step 12 — webhook_system_001

/** Delivery state of one event to one endpoint; `dead` = attempts exhausted, kept for replay. */
export const WebhookDeliveryStatus = defineEnum(
  'webhook_delivery_status',
  ['pending', 'in_flight', 'succeeded', 'failed', 'dead'] as const,
);

// Step 13 — create_api_management_system

/** Lifecycle of an API key. */
export const ApiKeyStatus = defineEnum('api_key_status', ['active', 'revoked', 'expired'] as const);

// Step 15 — create_communications_system

/** The two channels of the communications system. */
export const MessageChannel = defineEnum('message_channel', ['email', 'sms'] as const);

/** Lifecycle of one outgoing message, as the provider reports it. */
export const MessageStatus = defineEnum(
  'message_status',
  ['queued', 'sending', 'sent', 'delivered', 'failed', 'bounced'] as const,
);

/** Lifecycle of a campaign. */
export const CampaignStatus = defineEnum(
  'campaign_status',
  ['draft', 'scheduled', 'sending', 'completed', 'cancelled'] as const,
);

/** What happened to one campaign recipient. */
export const RecipientStatus = defineEnum(
  'recipient_status',
  ['pending', 'sent', 'failed', 'skipped', 'opted_out'] as const,
);

// Step 16 — 0016_create_file_storage_tables

/** Lifecycle of a stored object: the row is written before the upload, `available` once S3 confirms it. */
export const FileStatus = defineEnum('file_status', ['pending_upload', 'available', 'deleted'] as const);

// Step 17 — create_plugin_system_tables

/** State of a plugin installation. */
export const PluginInstallationStatus = defineEnum(
  'plugin_installation_status',
  ['installed', 'enabled', 'disabled', 'failed'] as const,
);
