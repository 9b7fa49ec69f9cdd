// Writes resources/demo/demo.json: the small invented dataset that seeds the default project.
// Sentences come from templates filled with invented names, so the data is free to ship; a fixed
// seed makes the file reproducible. Run: node scripts/make-demo-data.mjs
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

let state = 20261204
const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648
const pick = (xs) => xs[Math.floor(rand() * xs.length)]

const PER = [
  'Maria Keller',
  'Tomas Brandt',
  'Aiko Tanaka',
  'Samuel Okafor',
  'Lena Novak',
  'Rafael Ortega',
  'Priya Raman',
  'Jonas Lindqvist',
  'Chloé Martin',
  'Omar Haddad',
  'Grace Whitfield',
  'Ivan Petrov',
  'Fatima Zahra',
  'Daniel Weiss',
  'Sofia Rossi',
  'Kwame Mensah',
]
const ORG = [
  'Northwind Logistics',
  'Helix Biotech',
  'Lakeside Council',
  'Vantage Bank',
  'Orion Motors',
  'Riverside Hospital',
  'Bluefield University',
  'Crescent Energy',
  'Harbor Authority',
  'Pinecrest Foods',
  'Atlas Insurance',
  'National Weather Office',
]
const LOC = [
  'Lisbon',
  'Nairobi',
  'Osaka',
  'Toronto',
  'Valparaíso',
  'Kraków',
  'Melbourne',
  'Tromsø',
  'Cairo',
  'Montréal',
  'Reykjavík',
  'Chennai',
  'Danube Valley',
  'Bergen',
]
const DATE = [
  'Monday',
  'last week',
  'March 3',
  'early June',
  '2024',
  'the first quarter',
  'Friday evening',
  'next spring',
]

const TEMPLATES = [
  '{PER} joined {ORG} as chief engineer in {DATE}.',
  '{ORG} opened a new office in {LOC} on {DATE}.',
  '{PER} said {ORG} would expand its work in {LOC}.',
  'Shares of {ORG} rose after {PER} announced the deal on {DATE}.',
  'Heavy rain closed roads around {LOC} on {DATE}, {ORG} reported.',
  '{PER} met {PER} in {LOC} to discuss the merger with {ORG}.',
  'The contract between {ORG} and {ORG} takes effect in {DATE}.',
  '{PER}, a spokesperson for {ORG}, declined to comment.',
  'Travellers from {LOC} to {LOC} faced delays {DATE}.',
  '{ORG} hired {PER} to lead its team in {LOC}.',
  'In {DATE}, {PER} moved from {LOC} to work for {ORG}.',
  '{PER} 🎉 celebrated the launch with colleagues from {ORG} in {LOC}.',
]
const ZH_TEMPLATES = [
  '{ZPER}于{ZDATE}加入{ZORG}，担任技术总监。',
  '{ZORG}在{ZLOC}设立了新的研发中心。',
  '{ZPER}表示，{ZORG}将在{ZLOC}扩大业务。',
]
const ZPER = ['王晓明', '李静', '陈志强', '张丽华', '刘洋']
const ZORG = ['华东科技公司', '北辰银行', '青山大学', '海川能源集团']
const ZLOC = ['上海', '成都', '杭州', '深圳', '西安']
const ZDATE = ['2023年5月', '去年', '今年春天']

function fill(template, pools) {
  let text = ''
  const spans = []
  let last = 0
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    text += template.slice(last, m.index)
    const [label, pool] = pools[m[1]]
    const value = pick(pool)
    spans.push({ start: text.length, end: text.length + value.length, label })
    text += value
    last = m.index + m[0].length
  }
  text += template.slice(last)
  return { text, spans }
}

const pools = { PER: ['PER', PER], ORG: ['ORG', ORG], LOC: ['LOC', LOC], DATE: ['DATE', DATE] }
const zhPools = { ZPER: ['PER', ZPER], ZORG: ['ORG', ZORG], ZLOC: ['LOC', ZLOC], ZDATE: ['DATE', ZDATE] }

const seen = new Set()
const documents = []
while (documents.length < 320) {
  const zh = rand() < 0.08
  const doc = zh ? fill(pick(ZH_TEMPLATES), zhPools) : fill(pick(TEMPLATES), pools)
  if (seen.has(doc.text)) continue
  seen.add(doc.text)
  const i = documents.length
  // The first 80 are labelled training data, the next 40 a labelled dev set; the rest wait for the user.
  const status = i < 120 ? 'done' : 'todo'
  const split = i >= 80 && i < 120 ? 'dev' : 'train'
  documents.push({ text: doc.text, status, split, spans: status === 'done' ? doc.spans : [] })
}

const labels = [
  { name: 'PER', color: '#4dabf7' },
  { name: 'ORG', color: '#ff922b' },
  { name: 'LOC', color: '#69db7c' },
  { name: 'DATE', color: '#b197fc' },
]
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'demo', 'demo.json')
writeFileSync(out, JSON.stringify({ labels, documents }, null, 1) + '\n')
console.log(`wrote ${documents.length} documents to ${out}`)
