import { RECORDED_RELATEDTYPES } from '../schema/recorded-data.js';
import type { RelatedTypesResult } from '../schema/schema-types.js';

function build(entries: [label: string, module: string][]): RelatedTypesResult {
  const information: RelatedTypesResult['information'] = {};
  for (const [label, name] of entries)
    information[label] = { name, label, isEntity: '1' };
  return { types: entries.map(([, module]) => module), information };
}

// Contacts and Products were not recorded; these lists follow a stock
// install's relation labels and may differ from a real server.
const SYNTHESIZED: Record<string, RelatedTypesResult> = {
  Contacts: build([
    ['Potentials', 'Potentials'],
    ['Activities', 'Calendar'],
    ['Emails', 'Emails'],
    ['Activity History', 'Calendar'],
    ['Documents', 'Documents'],
    ['HelpDesk', 'HelpDesk'],
    ['Products', 'Products'],
    ['Campaigns', 'Campaigns'],
    ['ModComments', 'ModComments'],
  ]),
  Products: build([
    ['Leads', 'Leads'],
    ['Accounts', 'Accounts'],
    ['Contacts', 'Contacts'],
    ['Documents', 'Documents'],
  ]),
};

/** Returns the relatedtypes answer of a module, or undefined if unknown. */
export function relatedTypesOf(module: string): RelatedTypesResult | undefined {
  return RECORDED_RELATEDTYPES[module] ?? SYNTHESIZED[module];
}
