/**
 * The real consumer: FreeRADIUS 3.2 with rlm_sql on the PostgreSQL dialect, run against the
 * migrated and demo-seeded database with the package's default queries — clients from `nas`,
 * credentials from radcheck, policy from radusergroup/radgroupreply/radgroupcheck, sessions into
 * radacct, results into radpostauth. Skipped, saying why, where the Debian packages are absent
 * (CI installs them: .ci/run).
 */
import { testServers, usePackageDatabase } from '@strata/core/testing';
import { DEMO_NAS, DEMO_RADIUS_PASSWORD } from '../src/demo';
import { stableId } from '../src';
import { Table } from '../src/tables';
import { accounting, radtest, startFreeRadius, whyNoFreeRadius, type RadiusServer } from './freeradius-harness';
import { cli } from './support';

const skipped = whyNoFreeRadius();
if (skipped) console.log(`isp FreeRADIUS test skipped: ${skipped}`);
const describeWithFreeRadius = skipped ? describe.skip : describe;

const JANE = 'jane.doe@fiber.example';
const ACME_NORTH = 'acme-north@fiber.example';
const SECRET = DEMO_NAS.secret;

describeWithFreeRadius.each(testServers())('FreeRADIUS 3 on the isp schema ($label)', (server) => {
  const db = usePackageDatabase(cli, server, { prefix: 'isp_radius', seed: 'demo' });
  let radius: RadiusServer;

  beforeAll(async () => {
    radius = await startFreeRadius(db.url);
  });

  // Runs after the database's own afterAll, which drops it WITH (FORCE) under FreeRADIUS's connections.
  afterAll(async () => {
    await radius?.stop();
  });

  it('loads its RADIUS client from the nas table', () => {
    expect(radius.output().match(/rlm_sql \(sql\): Adding client .*/g)).toEqual([`rlm_sql (sql): Adding client ${DEMO_NAS.nasname} (${DEMO_NAS.shortname}) to global clients list`]);
  });

  it('accepts a seeded subscriber with its password, replying with its plan group\'s policy', async () => {
    const reply = await radtest(radius, JANE, DEMO_RADIUS_PASSWORD, SECRET);
    expect(reply.packet).toBe('Access-Accept');
    // radusergroup → plan-fiber-500 → radgroupreply
    expect(reply.attributes).toMatchObject({ 'Mikrotik-Rate-Limit': '250M/500M', 'Acct-Interim-Interval': '300' });
  });

  it('replies with a subscriber\'s own attributes from radreply (the static address)', async () => {
    const reply = await radtest(radius, ACME_NORTH, DEMO_RADIUS_PASSWORD, SECRET);
    expect(reply.packet).toBe('Access-Accept');
    expect(reply.attributes).toMatchObject({ 'Framed-IP-Address': '203.0.113.10', 'Mikrotik-Rate-Limit': '500M/1000M' });
  });

  it('rejects a wrong password', async () => {
    const reply = await radtest(radius, JANE, 'not-the-password', SECRET);
    expect(reply.packet).toBe('Access-Reject');
  });

  it('rejects an unknown subscriber', async () => {
    const reply = await radtest(radius, 'nobody@fiber.example', DEMO_RADIUS_PASSWORD, SECRET);
    expect(reply.packet).toBe('Access-Reject');
  });

  it('logs every result in radpostauth, never the password', async () => {
    const rows = await db.knex(Table.radpostauth).orderBy('id').select('username', 'pass', 'reply');
    expect(rows).toEqual([
      { username: JANE, pass: null, reply: 'Access-Accept' },
      { username: ACME_NORTH, pass: null, reply: 'Access-Accept' },
      { username: JANE, pass: null, reply: 'Access-Reject' },
      { username: 'nobody@fiber.example', pass: null, reply: 'Access-Reject' },
    ]);
  });

  const session = {
    'User-Name': JANE,
    'Acct-Session-Id': '8100000a',
    'NAS-IP-Address': '127.0.0.1',
    'NAS-Port': 15,
    'NAS-Port-Type': 'Ethernet',
    'Framed-IP-Address': '100.64.0.25',
    'Calling-Station-Id': '02-00-00-00-00-25',
  };

  it('records an accounting Start in radacct, linked to the subscriber\'s service', async () => {
    const reply = await accounting(radius, { 'Acct-Status-Type': 'Start', ...session }, SECRET);
    expect(reply.packet).toBe('Accounting-Response');
    const rows = await db.knex(Table.radacct).select('acctsessionid', 'username', 'nasipaddress', 'nasportid', 'nasporttype', 'framedipaddress', 'callingstationid', 'acctstoptime', 'service_id');
    expect(rows).toEqual([
      { acctsessionid: '8100000a', username: JANE, nasipaddress: '127.0.0.1', nasportid: '15', nasporttype: 'Ethernet', framedipaddress: '100.64.0.25', callingstationid: '02-00-00-00-00-25', acctstoptime: null, service_id: stableId(Table.services, 'SVC-000201') },
    ]);
  });

  it('refuses a second login while the session is open (Simultaneous-Use := 1 from radgroupcheck)', async () => {
    const reply = await radtest(radius, JANE, DEMO_RADIUS_PASSWORD, SECRET);
    expect(reply.packet).toBe('Access-Reject');
    expect(reply.attributes['Reply-Message']).toMatch(/already logged in/);
    // rlm_sql's simul_count_query (radacct ⟕ nasreload) counted the open session, so its
    // simul_verify_query ran — this once, the only login made while a session was open.
    expect(radius.output().match(/sql: Executing select query: SELECT RadAcctId, AcctSessionId, UserName, NASIPAddress, NASPortId, FramedIPAddress, CallingStationId, FramedProtocol FROM radacct a LEFT OUTER JOIN nasreload n .*/g)).toHaveLength(1);
  });

  it('closes the session on accounting Stop, with its time, octets and cause', async () => {
    const reply = await accounting(radius, {
      'Acct-Status-Type': 'Stop',
      ...session,
      'Acct-Session-Time': 3600,
      'Acct-Input-Octets': 123456789,
      'Acct-Output-Octets': 987654321,
      'Acct-Input-Gigawords': 1,
      'Acct-Terminate-Cause': 'User-Request',
    }, SECRET);
    expect(reply.packet).toBe('Accounting-Response');
    const rows = await db.knex(Table.radacct).select('acctsessiontime', 'acctinputoctets', 'acctoutputoctets', 'acctterminatecause', 'framedipaddress');
    // Input gigawords: 1 × 2^32 + 123456789.
    expect(rows).toEqual([{ acctsessiontime: '3600', acctinputoctets: String(2 ** 32 + 123456789), acctoutputoctets: '987654321', acctterminatecause: 'User-Request', framedipaddress: '100.64.0.25' }]);
    const [stopped] = await db.knex(Table.radacct).whereNotNull('acctstoptime').select('radacctid');
    expect(stopped).toBeDefined();
  });

  it('lets the subscriber in again once the session is closed', async () => {
    expect((await radtest(radius, JANE, DEMO_RADIUS_PASSWORD, SECRET)).packet).toBe('Access-Accept');
  });
});
