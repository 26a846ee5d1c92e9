// Word lists for generated records. Many entries are hostile on purpose:
// quotes, backslashes, separators, formula prefixes, non-Latin scripts.

export const FIRST_NAMES = [
  'Alex',
  'Sam',
  'Jordan',
  'Taylor',
  'Casey',
  'Riley',
  'Morgan',
  'Jamie',
  'Avery',
  'Quinn',
  'Noa',
  'Zoë',
  'Léa',
  'José',
  'Łukasz',
  'Søren',
  'Ana-María',
  'Иван',
  '太郎',
  'Fatima',
  "D'Arcy",
  'Jean "JJ"',
  '',
  '',
];

export const LAST_NAMES = [
  'Testperson',
  "O'Fictional",
  "D'Imaginary",
  'Van der Test',
  'Smith-Synthetic',
  'Müller-Fake',
  'Иванов-Тест',
  '山田テスト',
  'Lorem',
  'Ipsum',
  'Notreal',
  'Fakeley',
  'Examplar',
  'Nowhere',
  'Back\\slash',
  'Quote "Q" Person',
  'Comma, Jr.',
  'Semi;colon',
  '=Formula',
  '+Plus',
  '-Minus',
  '@Mention',
  'Tab\tName',
  'عميل',
  'Ελληνικά',
  'हिन्दी',
  '한국어',
];

export const COMPANIES = [
  'Acme Test Corp',
  'Example; Co',
  'Wayne Sample Enterprises',
  'Stark Fake Industries',
  'Soylent Mock Co.',
  '=Formula Fake LLC',
  'Globex (fake)',
  '+Plus Fake AG',
  'Initech, Inc.',
  'Umbrella "Test" Ltd',
  'Müller & Söhne GmbH (fictional)',
  "Bob's Fake Widgets",
  '株式会社テスト',
  '-Minus Holdings',
  '@Handle Labs',
  'Back\\slash Systems',
  '',
];

export const CITIES = [
  'Boston',
  'Seattle',
  'Chicago',
  'Los Angeles',
  'Denver',
  'New York',
  'Austin',
  'München',
  'São Paulo',
  'Zürich',
  'Kraków',
  'Montréal',
  'Москва',
  '東京',
  'Reykjavík',
  'Paris',
  'Berlin',
  'Madrid',
  'Québec',
  '',
];

export const COUNTRIES = [
  'USA',
  'Germany',
  'Brazil',
  'Japan',
  'France',
  'Canada',
  '',
];

export const STATES = ['MA', 'WA', 'IL', 'CA', 'CO', 'NY', 'TX', ''];

const LOREM =
  'Lorem ipsum dolor sit amet, "consectetur" adipiscing elit; it\'s a long note.\n';

/** Descriptions as Vtiger stores them: `<`, `>` and `"` encoded where markup occurs. */
export const DESCRIPTIONS = [
  'Met at a trade show booth',
  'Interested in A, B, and C, maybe D, E',
  'Said "call me next week" and "maybe later"',
  "O'Reilly's team isn't ready; it's for Q3",
  'Line 1\nLine 2\nLine 3',
  'CRLF line 1\r\nCRLF line 2',
  'col1\tcol2\tcol3',
  'a;b;c; DROP TABLE leads;--',
  'Great call ???????? emoji',
  'Клиент из Москвы; 顧客は東京; عميل مهم; Ελληνικά; हिन्दी; 한국어',
  LOREM.repeat(40),
  '=SUM(A1:A10)',
  '+1 555 0100 call',
  '-2+3 minus lead',
  '@admin please review',
  '',
  'He said, "it\'s fine";\n\tnext ???? done',
  '&lt;b&gt;bold&lt;/b&gt; & &lt;i&gt;tags&lt;/i&gt; &lt;script&gt;alert(1)&lt;/script&gt;',
  '=HYPERLINK("http://example.invalid","x")',
  'C:\\path\\to\\file and \\n literal backslash',
  '',
  '',
];

export const ACCOUNT_NAMES = [
  'Fake Holdings',
  'Test Foods',
  'Sample Logistics',
  'Mock Energy',
  'Example; Trading',
  'Quote "Q" Partners',
  "O'Brien & Sons (fictional)",
  '=Formula Finance',
  'Нефть-Тест',
  '東京テスト商事',
  'Back\\slash Bank',
];

export const TITLES = [
  'CEO',
  'CTO',
  'Buyer',
  'Head of "Ops"',
  'Manager, Sales',
  '',
];

export const PRODUCT_NAMES = [
  'Widget',
  'Gadget "Pro"',
  'Sprocket; Large',
  'Gizmo, Mini',
  'Doohickey',
  'Ünïcode Part',
  '部品',
  '=Formula Kit',
];

export const STREETS = [
  '1 Main St',
  '22 Baker Street\nFlat 2',
  'Rua Augusta, 1500',
  'Königstraße 5',
  'PO "Box" 12; Dock 3',
  '',
];
