// Generates a spec-conforming regional assignments file and a leavers register
// with a fixed seed, so every run of the benchmark reads the same bytes.
import { closeSync, openSync, writeSync } from 'node:fs';

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNCILS = [
  ['E06000036', 'Bracknell Forest'], ['E06000043', 'Brighton and Hove'], ['E06000060', 'Buckinghamshire'],
  ['E10000011', 'East Sussex'], ['E10000014', 'Hampshire'], ['E06000046', 'Isle of Wight'], ['E10000016', 'Kent'],
  ['E06000035', 'Medway'], ['E06000042', 'Milton Keynes'], ['E10000025', 'Oxfordshire'], ['E06000044', 'Portsmouth'],
  ['E06000038', 'Reading'], ['E06000039', 'Slough'], ['E06000045', 'Southampton'], ['E10000030', 'Surrey'],
  ['E06000037', 'West Berkshire'], ['E10000032', 'West Sussex'], ['E06000040', 'Windsor and Maidenhead'], ['E06000041', 'Wokingham'],
];
const ROLES = [
  // caps as in rules/south-east.yaml from 2025-04-01
  ['Social Worker', 38], ['Senior Social Worker', 41], ['Advanced Practitioner', 44], ['Team Manager', 52], ['Independent Reviewing Officer', 45],
];
const AGENCIES = ['Northgate Social Care Recruitment Ltd', 'Harbour Recruitment Partnership (South)', 'Meridian Locum Social Work Services', 'Oakfield Staffing Solutions Limited', 'Bluebell Agency Partners LLP'];
const TEAMS = ['Children in Care Service - North Locality', 'Assessment and Intervention Team - Central Hub', 'Child Protection and Court Team - East', 'Leaving Care and Care Leavers Service - West', 'Family Support and Early Help - Coastal', 'Disabled Children and Short Breaks Team'];
const FIRST = ['Alex', 'Sam', 'Jordan', 'Priya', 'Olu', 'Megan', 'Tomasz', 'Aisha', 'Liam', 'Chloe', 'Ravi', 'Sian'];
const LAST = ['Smith', 'Okafor', 'Nowak', 'Patel', 'Jones', 'Hughes', 'Begum', 'Walsh', 'Evans', 'Khan', 'Murphy', 'Reid'];

const HEADER = 'Cost Centre,Purchase Order,la_code,la_name,assignment_id,swe_number,worker_name,role,team,agency,engagement_type,start_date,end_date,hourly_pay_rate,hourly_charge_rate,hours_per_week,pqe_months,left_substantive_date,left_substantive_la,notice_weeks,reference_count,reference_template,references_complete_date,project_team,exemption_ref';

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const pad = (n) => String(n).padStart(2, '0');
function date(rnd, fromYear, years) {
  const y = fromYear + Math.floor(rnd() * years);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** Writes `rows` assignment rows; returns the path. About 300 bytes a row. */
export function generateAssignments(path, rows, seed = 42) {
  const rnd = mulberry32(seed);
  const fd = openSync(path, 'w');
  let buf = HEADER + '\n';
  for (let i = 1; i <= rows; i++) {
    const [code, name] = COUNCILS[i % COUNCILS.length];
    const [role, cap] = pick(rnd, ROLES);
    const swe = `SW${1 + Math.floor(rnd() * 999999)}`;
    const start = `2025-${pad(4 + Math.floor(rnd() * 9))}-${pad(1 + Math.floor(rnd() * 28))}`; // inside the cap window from 2025-04-01
    const over = rnd() < 0.012; // breach rates of about a per cent per rule, a few per cent in all
    const rate = over ? cap + 0.5 + Math.floor(rnd() * 600) / 100 : cap - Math.floor(rnd() * 800) / 100;
    const charge = rate * 1.3;
    const left = rnd() < 0.01 ? date(rnd, 2023, 3) : '';
    const leftLa = left ? pick(rnd, COUNCILS)[0] : '';
    const pqe = rnd() < 0.005 ? 12 + Math.floor(rnd() * 20) : 36 + Math.floor(rnd() * 200);
    const refs = rnd() < 0.005 ? 1 : 2;
    const worker = `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
    buf += [
      `CC-${code.slice(1)}-${pad(Math.floor(rnd() * 99))}-CHILDRENS-SOCIAL-CARE`, `PO/${2025}/${String(i).padStart(9, '0')}/AGENCY-LOCUM`,
      code, name, `A-${String(i).padStart(7, '0')}`, swe, worker, role, pick(rnd, TEAMS), pick(rnd, AGENCIES),
      pick(rnd, ['PAYE', 'umbrella company', 'limited company (outside IR35)']), start, rnd() < 0.3 ? date(rnd, 2026, 1) : '',
      rate.toFixed(2), charge.toFixed(2), rnd() < 0.9 ? '37' : '', String(pqe), left, leftLa,
      rnd() < 0.005 ? '2' : '4', String(refs), rnd() < 0.997 ? 'yes' : 'no', start, rnd() < 0.003 ? 'yes' : 'no', rnd() < 0.02 ? 'SE-EX-2025-007' : '',
    ].join(',') + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return path;
}

export function generateLeavers(path, rows, seed = 7) {
  const rnd = mulberry32(seed);
  const fd = openSync(path, 'w');
  let buf = 'la_code,swe_number,leaving_date,role,worker_name\n';
  for (let i = 0; i < rows; i++) {
    buf += [pick(rnd, COUNCILS)[0], `SW${1 + Math.floor(rnd() * 999999)}`, date(rnd, 2023, 3), pick(rnd, ROLES)[0], `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`].join(',') + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return path;
}

const NARROW_HEADER = 'la_code,assignment_id,swe_number,role,start_date,hourly_pay_rate,end_date,la_name,worker_name,team,agency,engagement_type,hourly_charge_rate,hours_per_week,pqe_months,left_substantive_date,left_substantive_la,notice_weeks,reference_count,reference_template,references_complete_date,project_team,exemption_ref,cost_centre';
// short role aliases of rules/national-dfe-2024.yaml, with the south-east caps from 2025-04-01
const SHORT_ROLES = [['SW', 38], ['SSW', 41], ['AP', 44], ['TM', 52]];

/**
 * Narrow rows (issue 13): 24 columns and about 150 bytes a row, short codes rather
 * than names, about 13% of rows with a finding. `allBreach` makes every row breach
 * every rule of rules/south-east.yaml (six findings a row). SWE numbers are drawn
 * from the same range as generateLeavers' so that some rows meet the register.
 */
export function generateNarrow(path, rows, { allBreach = false, seed = 1234 } = {}) {
  const rnd = mulberry32(seed);
  const fd = openSync(path, 'w');
  let buf = NARROW_HEADER + '\n';
  for (let i = 1; i <= rows; i++) {
    const [code, name] = COUNCILS[i % COUNCILS.length];
    const [role, cap] = pick(rnd, SHORT_ROLES);
    const startMonth = 4 + Math.floor(rnd() * 9);
    const start = `2025-${pad(startMonth)}-${pad(1 + Math.floor(rnd() * 28))}`;
    const over = allBreach || rnd() < 0.05;
    const rate = over ? cap + 0.5 + Math.floor(rnd() * 600) / 100 : cap - Math.floor(rnd() * 800) / 100;
    const left = allBreach || rnd() < 0.01 ? `2025-${pad(startMonth - 2)}-15` : '';
    const leftLa = left ? pick(rnd, COUNCILS)[0] : '';
    const pqe = allBreach || rnd() < 0.03 ? 12 + Math.floor(rnd() * 20) : 36 + Math.floor(rnd() * 200);
    const refs = allBreach || rnd() < 0.02 ? 1 : 2;
    buf += [
      code, `A${String(i).padStart(7, '0')}`, `SW${1 + Math.floor(rnd() * 999999)}`, role, start,
      rate.toFixed(2), rnd() < 0.3 ? `2026-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}` : '',
      name, `${pick(rnd, FIRST)} ${pick(rnd, LAST)}`, `Team ${Math.floor(rnd() * 99)}`, `Agency ${Math.floor(rnd() * 9)} Ltd`, 'PAYE', (rate * 1.3).toFixed(2),
      rnd() < 0.9 ? '37' : '', String(pqe), left, leftLa, allBreach || rnd() < 0.02 ? '2' : '4', String(refs),
      allBreach ? 'n' : 'y', start, allBreach || rnd() < 0.003 ? 'y' : 'n', '', `CC${Math.floor(rnd() * 999)}`,
    ].join(',') + '\n';
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return path;
}
