import { describe, expect, it } from 'vitest';
import { ciFinding, ciIssue, ciOptions, ciReport, ciRuleset } from '../../test/report-factory-ci.js';
import { applyBaseline } from '../baseline.js';
import { DATA_ISSUE_CODES, type Report } from '../types.js';
import { artifactLocation, formatSarif, SARIF_SCHEMA } from './sarif.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
function sarif(report: Report = ciReport(), options = ciOptions()): any {
  const text = formatSarif(report, options);
  expect(text.endsWith('\n')).toBe(true);
  return JSON.parse(text);
}

/** Properties sarif-schema-2.1.0.json allows on each object this tool writes (all have additionalProperties: false). */
const ALLOWED: Record<string, string[]> = {
  log: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  reportingDescriptor: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
  runAutomationDetails: ['description', 'id', 'guid', 'correlationGuid', 'properties'],
  invocation: ['commandLine', 'arguments', 'responseFiles', 'startTimeUtc', 'endTimeUtc', 'exitCode', 'ruleConfigurationOverrides', 'notificationConfigurationOverrides', 'toolExecutionNotifications', 'toolConfigurationNotifications', 'exitCodeDescription', 'exitSignalName', 'exitSignalNumber', 'processStartFailureMessage', 'executionSuccessful', 'machine', 'account', 'processId', 'executableLocation', 'workingDirectory', 'environmentVariables', 'stdin', 'stdout', 'stderr', 'stdoutStderr', 'properties'],
};

function expectOnly(obj: any, kind: string): void {
  expect(typeof obj, kind).toBe('object');
  for (const key of Object.keys(obj)) expect(ALLOWED[kind], `${kind}.${key}`).toContain(key);
  if (obj.properties !== undefined) {
    expect(typeof obj.properties).toBe('object');
    if (obj.properties.tags !== undefined) expect(new Set(obj.properties.tags).size).toBe(obj.properties.tags.length);
  }
}

/** The required properties of SARIF 2.1.0 (sarif-schema-2.1.0.json) and no property it does not define. */
function expectValidShape(log: any): void {
  expectOnly(log, 'log');
  const run0 = log.runs[0];
  expectOnly(run0, 'run');
  expectOnly(run0.tool, 'tool');
  expectOnly(run0.tool.driver, 'toolComponent');
  if (run0.automationDetails) expectOnly(run0.automationDetails, 'runAutomationDetails');
  for (const inv of run0.invocations ?? []) {
    expectOnly(inv, 'invocation');
    expect(typeof inv.executionSuccessful).toBe('boolean');
  }
  for (const base of Object.values(run0.originalUriBaseIds ?? {}) as any[]) {
    expectOnly(base, 'artifactLocation');
    if (base.description) expectOnly(base.description, 'message');
  }
  expect(['utf16CodeUnits', 'unicodeCodePoints', undefined]).toContain(run0.columnKind);
  for (const rule of run0.tool.driver.rules) {
    expectOnly(rule, 'reportingDescriptor');
    expectOnly(rule.defaultConfiguration, 'reportingConfiguration');
    for (const key of ['shortDescription', 'fullDescription', 'help']) expectOnly(rule[key], 'multiformatMessageString');
  }
  for (const result of run0.results) {
    expectOnly(result, 'result');
    expectOnly(result.message, 'message');
    for (const loc of result.locations) {
      expectOnly(loc, 'location');
      expectOnly(loc.physicalLocation, 'physicalLocation');
      expectOnly(loc.physicalLocation.artifactLocation, 'artifactLocation');
      if (loc.physicalLocation.region) expectOnly(loc.physicalLocation.region, 'region');
    }
  }
  expect(log.$schema).toBe(SARIF_SCHEMA);
  expect(log.version).toBe('2.1.0');
  expect(Array.isArray(log.runs)).toBe(true);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0];
  expect(typeof run.tool.driver.name).toBe('string');
  const rules: any[] = run.tool.driver.rules;
  const ids = rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of rules) {
    expect(typeof rule.id).toBe('string');
    for (const key of ['shortDescription', 'fullDescription', 'help']) {
      expect(typeof rule[key].text, `${rule.id}.${key}`).toBe('string');
      expect(rule[key].text.length).toBeGreaterThan(0);
    }
    expect(['none', 'note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
  }
  for (const result of run.results) {
    expect(typeof result.message.text).toBe('string');
    expect(['none', 'note', 'warning', 'error']).toContain(result.level);
    expect(Number.isInteger(result.ruleIndex)).toBe(true);
    expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.locations).toHaveLength(1);
    const loc = result.locations[0].physicalLocation;
    expect(typeof loc.artifactLocation.uri).toBe('string');
    if (loc.region) {
      expect(Number.isInteger(loc.region.startLine)).toBe(true);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
    }
    if (result.baselineState !== undefined) expect(['new', 'unchanged', 'updated', 'absent']).toContain(result.baselineState);
    for (const v of Object.values(result.partialFingerprints ?? {})) expect(typeof v).toBe('string');
  }
}

describe('formatSarif', () => {
  it('is SARIF 2.1.0 with the required properties', () => {
    const log = sarif();
    expectValidShape(log);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('moc-check');
    expect(driver.version).toBe('0.1.0');
  });

  it('has one result per breach and per data issue; exempted and unknown are not results', () => {
    const report = ciReport();
    const results: any[] = sarif(report).runs[0].results;
    const s = report.summary;
    expect(results).toHaveLength(s.breaches + s.data_errors + s.data_warnings);
    expect(results.filter((r) => !r.ruleId.startsWith('data/'))).toHaveLength(s.breaches);
    expect(results.filter((r) => r.ruleId.startsWith('data/') && r.level === 'error')).toHaveLength(s.data_errors);
    expect(results.filter((r) => r.ruleId.startsWith('data/') && r.level === 'warning')).toHaveLength(s.data_warnings);
    expect(results.some((r) => r.suppressions)).toBe(false);
  });

  it('gives breaches the rule severity as level and the finding id as fingerprint', () => {
    const report = ciReport();
    const results: any[] = sarif(report).runs[0].results;
    const breaches = report.findings.filter((f) => f.status === 'breach');
    breaches.forEach((f, i) => {
      const r = results[i];
      expect(r.ruleId).toBe(f.rule);
      expect(r.level).toBe(f.severity);
      expect(r.partialFingerprints['mocFindingId/v1']).toBe(f.id);
      expect(r.message.text).toContain(f.message);
    });
    expect(results.find((r) => r.ruleId === 'DFE-NOTICE').level).toBe('warning');
  });

  it('points at the right file and line; no region when the line is null; column in properties', () => {
    const report = ciReport();
    const results: any[] = sarif(report).runs[0].results;
    const breaches = report.findings.filter((f) => f.status === 'breach');
    const all = [...breaches.map((f) => ({ file: f.file, line: f.line as number | null })), ...report.data_issues];
    all.forEach((x, i) => {
      const loc = results[i].locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(x.file);
      if (x.line === null) expect(loc.region).toBeUndefined();
      else expect(loc.region).toEqual({ startLine: x.line });
    });
    const cellIssue = results.find((r) => r.ruleId === 'data/invalid_date' && r.properties.column === 'start_date');
    expect(cellIssue.locations[0].physicalLocation.region.startLine).toBe(9);
    expect(cellIssue.message.text).toContain('start_date');
    expect(cellIssue.properties.value).toBe('31/02/2025');
    const whole = results.find((r) => r.ruleId === 'data/unreadable_file');
    expect(whole.locations[0].physicalLocation.region).toBeUndefined();
    expect(whole.properties.column).toBeNull();
  });

  it('describes every ruleset rule and every data-issue code with help text', () => {
    const options = ciOptions();
    const rules: any[] = sarif(ciReport(), options).runs[0].tool.driver.rules;
    const ids = rules.map((r) => r.id);
    for (const rule of options.ruleset.rules) {
      const d = rules.find((r) => r.id === rule.id);
      expect(d, rule.id).toBeDefined();
      expect(d.defaultConfiguration.level).toBe(rule.severity);
      expect(d.help.text.length).toBeGreaterThan(20);
    }
    for (const code of DATA_ISSUE_CODES) expect(ids).toContain(`data/${code}`);
    expect(rules.find((r) => r.id === 'data/unknown_exemption').defaultConfiguration.level).toBe('warning');
    // the rule's parameters are in its description
    const cap = rules.find((r) => r.id === 'SE-PAY-CAP');
    expect(cap.fullDescription.text).toContain('pay cap');
    expect(cap.fullDescription.text).toContain('Team Manager £52.00/h');
    expect(rules.find((r) => r.id === 'DFE-PQE').fullDescription.text).toContain('months: 36');
    expect(rules.find((r) => r.id === 'DFE-NOTICE').shortDescription.text).toContain('Notice period');
  });

  it('keeps ruleIndex consistent when a finding names a rule the ruleset lacks', () => {
    const report = ciReport({ findings: [ciFinding({ rule: 'GONE-RULE', kind: 'min_pqe' })] });
    const log = sarif(report);
    expectValidShape(log);
    const r = log.runs[0].results[0];
    expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe('GONE-RULE');
  });

  it('is valid with no results at all', () => {
    const report = ciReport({ findings: [], data_issues: [] });
    const log = sarif(report, ciOptions({ ruleset: ciRuleset({ rules: [] }) }));
    expectValidShape(log);
    expect(log.runs[0].results).toEqual([]);
  });

  it('marks baseline states only when a baseline was applied', () => {
    const report = ciReport();
    expect(sarif(report).runs[0].results.some((r: any) => 'baselineState' in r)).toBe(false);
    const firstId = report.findings[0]!.id;
    const baseline = ciReport({ findings: [report.findings[0]!] });
    const marked = applyBaseline(report, baseline);
    const results: any[] = sarif(marked).runs[0].results;
    expectValidShape({ ...sarif(marked) });
    for (const r of results) {
      const fp = r.partialFingerprints['mocFindingId/v1'];
      expect(r.baselineState).toBe(fp === firstId ? 'unchanged' : 'new');
    }
    expect(results.filter((r) => r.baselineState === 'unchanged')).toHaveLength(1);
  });

  it('encodes paths as relative URIs with forward slashes', () => {
    expect(artifactLocation('exports/kent county.csv')).toEqual({ uri: 'exports/kent%20county.csv', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('.\\exports\\a#b%.csv')).toEqual({ uri: 'exports/a%23b%25.csv', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/tmp/x y.csv')).toEqual({ uri: 'file:///tmp/x%20y.csv' });
    expect(artifactLocation('C:\\data\\k.csv')).toEqual({ uri: 'file:///C:/data/k.csv' });
    const report = ciReport({ findings: [ciFinding({ file: 'my exports/kent.csv' })], data_issues: [ciIssue({ file: 'my exports/kent.csv' })] });
    for (const r of sarif(report).runs[0].results) {
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('my%20exports/kent.csv');
    }
  });

  it('never writes worker names', () => {
    const f = ciFinding({ context: { la_name: 'Kent', role: null, agency: null, team: null, hours_per_week: null, worker_name: 'Jane Secret' } });
    const text = formatSarif(ciReport({ findings: [f] }), ciOptions({ names: true }));
    expect(text).not.toContain('Jane Secret');
  });
});
