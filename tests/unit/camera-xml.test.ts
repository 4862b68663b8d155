// The camera module's XML, SOAP and WS-Discovery helpers, with Vietnamese text: escaping,
// namespaces whatever the prefixes, refusal of what the reader does not accept, and ONVIF
// scopes carrying names with diacritics (URL-encoded as UTF-8, NFC).
import t from 'tap';
import { XmlError, attr, child, escapeXml, parseXml, resolveQName, textOf, unescapeXml } from '../../appliance/src/cameras/xml.js';
import { NS, parseSoap, parseXsDuration, soapEnvelope, soapFaultBody, xsDuration, xsFloat } from '../../appliance/src/cameras/soap.js';
import {
  NETWORK_VIDEO_TRANSMITTER,
  onvifScope,
  parseProbe,
  parseProbeMatches,
  probeMatchesMessage,
  probeMessage,
  scopeMatches,
  scopeValue,
} from '../../appliance/src/cameras/ws-discovery-messages.js';

const VI = 'Bàn giáo viên <Cô Hằng> & "Cả lớp" \'10A1\'';

t.test('escape and unescape round trip Vietnamese text with markup characters', async (t) => {
  const escaped = escapeXml(VI);
  t.equal(escaped, 'Bàn giáo viên &lt;Cô Hằng&gt; &amp; &quot;Cả lớp&quot; &apos;10A1&apos;');
  t.equal(unescapeXml(escaped), VI);
  t.equal(unescapeXml('B&#7843;ng &#x1EA1; &#x110;&#244;ng'), 'Bảng ạ Đông', 'numeric references, decimal and hex');
  t.equal(escapeXml('a\u0001b\u0008c\td'), 'abc\td', 'control characters XML cannot carry are dropped');
  t.throws(() => unescapeXml('Tom & Jerry'), XmlError, 'a bare ampersand');
  t.throws(() => unescapeXml('&nbsp;'), XmlError, 'entities other than the five');
  t.throws(() => unescapeXml('&#0;'), XmlError, 'a reference to a non-XML character');
});

t.test('elements are found by namespace and local name, whatever the prefix', async (t) => {
  const a = parseXml(`<s:E xmlns:s="${NS.env}" xmlns:x="${NS.tt}"><s:Body><x:Name lang="vi">${escapeXml(VI)}</x:Name></s:Body></s:E>`);
  const b = parseXml(`<E xmlns="${NS.env}"><Body><Name xmlns="${NS.tt}" lang='vi'><![CDATA[${VI}]]></Name></Body></E>`);
  for (const root of [a, b]) {
    const name = child(child(root, 'Body', NS.env), 'Name', NS.tt);
    t.equal(textOf(name), VI);
    t.equal(attr(name, 'lang'), 'vi');
  }
  const withComment = parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<!-- máy quay --><a x="1 &amp; 2"><b/><!-- c --><c>ố</c></a>');
  t.equal(attr(withComment, 'x'), '1 & 2');
  t.same(withComment.children.map((c) => c.local), ['b', 'c']);
  const types = parseXml(`<d:Types xmlns:d="urn:d" xmlns:dn="${NS.dn}">dn:NetworkVideoTransmitter</d:Types>`);
  t.same(resolveQName(types, 'dn:NetworkVideoTransmitter'), { ns: NS.dn, local: 'NetworkVideoTransmitter' });
  t.same(resolveQName(types, 'zz:Device'), { ns: undefined, local: 'Device' });
});

t.test('what the reader refuses', async (t) => {
  const bad = [
    '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    '<a><b></a></b>',
    '<p:a>undeclared prefix</p:a>',
    '<a x=1/>',
    '<a x="1" x="2"/>',
    '<a>unclosed',
    '<a/><b/>',
    'text only',
    '',
  ];
  for (const xml of bad) t.throws(() => parseXml(xml), XmlError, JSON.stringify(xml));
  const deep = '<a>'.repeat(100) + '</a>'.repeat(100);
  t.throws(() => parseXml(deep), XmlError, 'nesting too deep');
});

t.test('ONVIF scopes: names with diacritics are percent-encoded UTF-8, NFC, one URI each', async (t) => {
  const scope = onvifScope('name', 'Phòng học 10A1');
  t.equal(scope, 'onvif://www.onvif.org/name/Ph%C3%B2ng%20h%E1%BB%8Dc%2010A1');
  t.notOk(/\s/.test(scope), 'no spaces: Scopes is a space-separated list');
  const nfd = 'Phòng học 10A1'.normalize('NFD');
  t.not(nfd, 'Phòng học 10A1');
  t.equal(onvifScope('name', nfd), scope, 'NFD input gives the same scope as NFC');
  const location = onvifScope('location', 'Tầng 2/Phòng 201');
  t.equal(scopeValue([scope, location], 'name'), 'Phòng học 10A1');
  t.equal(scopeValue([scope, location], 'location'), 'Tầng 2/Phòng 201', 'a slash inside the value survives');
  t.equal(scopeValue(['onvif://www.onvif.org/name/Cam_01'], 'name'), 'Cam_01');
  t.equal(scopeValue(['onvif://www.onvif.org/name/bad%E1%BB'], 'name'), 'bad%E1%BB', 'an invalid sequence is kept as sent');
  t.equal(scopeValue(['onvif://www.onvif.org/name/Bảng'], 'name'), 'Bảng', 'raw UTF-8 from sloppy cameras passes');
  t.equal(scopeValue([], 'hardware'), '');
  t.ok(scopeMatches('onvif://www.onvif.org/location', location));
  t.notOk(scopeMatches('onvif://www.onvif.org/loc', location), 'only whole path segments match');
});

t.test('Probe and ProbeMatches round trip with Vietnamese scopes', async (t) => {
  const probe = parseProbe(probeMessage('urn:uuid:probe-1', [NETWORK_VIDEO_TRANSMITTER]));
  t.same(probe, { messageId: 'urn:uuid:probe-1', types: [{ ns: NS.dn, local: 'NetworkVideoTransmitter' }], scopes: [], matchBy: 'rfc3986' });
  t.equal(parseProbe('<not-soap/>'), undefined);
  const scopes = [onvifScope('name', 'Cả lớp'), onvifScope('location', 'Bàn giáo viên')];
  const xml = probeMatchesMessage(
    'urn:uuid:probe-1',
    { address: 'urn:uuid:cam', types: [NETWORK_VIDEO_TRANSMITTER], scopes, xaddrs: ['http://10.0.0.5/onvif/device_service'], metadataVersion: 1 },
    { instanceId: 1, messageNumber: 1 },
  );
  const [match] = parseProbeMatches(xml);
  t.equal(match?.relatesTo, 'urn:uuid:probe-1');
  t.equal(match?.address, 'urn:uuid:cam');
  t.same(match?.scopes, scopes);
  t.equal(scopeValue(match?.scopes ?? [], 'name'), 'Cả lớp');
  t.same(match?.xaddrs, ['http://10.0.0.5/onvif/device_service']);
});

t.test('SOAP faults and xs values', async (t) => {
  const fault = parseSoap(soapEnvelope(soapFaultBody({ code: 'Sender', subcodes: ['InvalidArgVal', 'PresetExist'], reason: 'Đã có "Bảng"' }), { prefixes: ['ter'] })).fault;
  t.same(fault, { code: 'Sender', subcodes: ['InvalidArgVal', 'PresetExist'], reason: 'Đã có "Bảng"' });
  const soap11 = parseSoap(
    `<s:Envelope xmlns:s="${NS.soap11}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Unauthorized</faultstring></s:Fault></s:Body></s:Envelope>`,
  ).fault;
  t.same(soap11, { code: 'Sender', subcodes: [], reason: 'Unauthorized' });
  t.throws(() => parseSoap('<html><body>404</body></html>'), XmlError);
  t.equal(xsFloat(1e-9), '0');
  t.equal(xsFloat(-0.0000001), '0');
  t.equal(xsFloat(0.1234567), '0.123457');
  t.equal(parseXsDuration('PT5S'), 5000);
  t.equal(parseXsDuration('PT1M30.5S'), 90_500);
  t.equal(parseXsDuration('P0DT1H'), 3_600_000);
  t.equal(parseXsDuration('P1Y'), undefined, 'years have no fixed length');
  t.equal(parseXsDuration('PT'), undefined);
  t.equal(xsDuration(2500), 'PT2.5S');
});
