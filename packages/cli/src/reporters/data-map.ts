import { sharingDetailsOf, type Inventory } from '@privlint/core';

type SinkKind = Inventory['flows'][number]['sink']['kind'];

const sinkTitles: Record<SinkKind, string> = {
  log: 'Logs',
  storage: 'Browser storage',
  url: 'URLs',
  cookie: 'Cookies',
  'third-party': 'Third parties',
};
const sinkOrder: readonly SinkKind[] = ['log', 'storage', 'url', 'cookie', 'third-party'];

interface MapNode {
  readonly key: string;
  readonly label: string;
  readonly detail: string;
  readonly className: string;
}

interface MapEdge {
  readonly from: string;
  readonly to: string;
  flows: number;
  reported: number;
  readonly categories: Set<string>;
}

const width = 1000;
const boxWidth = 250;
const boxHeight = 40;
const gap = 12;
const columns = [0, (width - boxWidth) / 2, width - boxWidth] as const;
const top = 28;
const legendHeight = 40;
/** Characters that fit a box at 13px and at 11px (the font is the page's; 7.4px and 6.3px are wide averages). */
const fits = { label: Math.floor((boxWidth - 20) / 7.4), detail: Math.floor((boxWidth - 20) / 6.3) };

/**
 * The data map: categories of personal data (left) to the kinds of sink the code sends them to (middle) to the
 * third parties that receive them (right), as one inline SVG. Drawn from the inventory's flows alone, with no
 * script, font or image: it prints, reads in a dark theme (colours come from the page's style), and every label is
 * escaped (with the page's own `escapeHtml`), since names come from the scanned code. Full names and counts are in each element's `<title>`.
 */
export function dataMapSvg(inventory: Inventory, escapeHtml: (text: string) => string): string | undefined {
  const flows = inventory.flows.filter(flow => flow.categories.length > 0);
  if (flows.length === 0) return undefined;
  const categoriesById = new Map(inventory.categories.map(category => [category.id, category]));
  const recipientsById = new Map(inventory.recipients.map(recipient => [recipient.id, recipient]));
  const edges = new Map<string, MapEdge>();
  const edge = (from: string, to: string): MapEdge => {
    const key = `${from}\u0000${to}`;
    let found = edges.get(key);
    if (!found) {
      found = { from, to, flows: 0, reported: 0, categories: new Set() };
      edges.set(key, found);
    }
    return found;
  };
  const usedCategories = new Set<string>();
  const usedSinks = new Set<SinkKind>();
  const usedRecipients = new Set<string>();
  for (const flow of flows) {
    usedSinks.add(flow.sink.kind);
    for (const category of flow.categories) {
      usedCategories.add(category);
      const line = edge(`category:${category}`, `sink:${flow.sink.kind}`);
      line.flows++;
      if (flow.reported) line.reported++;
      line.categories.add(category);
    }
    if (flow.sink.kind === 'third-party') {
      const id = sharingDetailsOf(flow)?.recipient ?? flow.sink.api;
      if (!recipientsById.has(id)) continue;
      usedRecipients.add(id);
      const line = edge('sink:third-party', `recipient:${id}`);
      line.flows++;
      if (flow.reported) line.reported++;
      for (const category of flow.categories) line.categories.add(category);
    }
  }

  const categoryNodes: MapNode[] = inventory.categories
    .filter(category => usedCategories.has(category.id))
    .map(category => ({
      key: `category:${category.id}`,
      label: category.title,
      detail:
        category.sensitivity === 'special'
          ? `Art. 9 special category · ${category.flows} flow${category.flows === 1 ? '' : 's'}`
          : `${category.flows} flow${category.flows === 1 ? '' : 's'}`,
      className: category.sensitivity === 'special' ? 'node special' : 'node',
    }));
  const sinkNodes: MapNode[] = sinkOrder
    .filter(kind => usedSinks.has(kind))
    .map(kind => {
      const count = flows.filter(flow => flow.sink.kind === kind).length;
      return {
        key: `sink:${kind}`,
        label: sinkTitles[kind],
        detail: `${count} flow${count === 1 ? '' : 's'}`,
        className: 'node sink',
      };
    });
  const recipientNodes: MapNode[] = [...usedRecipients]
    .sort()
    .map(id => recipientsById.get(id)!)
    .map(recipient => ({
      key: `recipient:${recipient.id}`,
      label: recipient.name,
      detail: `${recipient.declared ? '' : 'not declared · '}${recipient.categories.join(', ')}`,
      className: recipient.declared ? 'node' : 'node undeclared',
    }));

  const stacks = [categoryNodes, sinkNodes, recipientNodes];
  const tallest = Math.max(...stacks.map(stack => stack.length));
  const bodyHeight = tallest * boxHeight + (tallest - 1) * gap;
  const height = top + bodyHeight + legendHeight + (legendRows - 1) * legendRowHeight;
  const position = new Map<string, { x: number; y: number }>();
  stacks.forEach((stack, column) => {
    const stackHeight = stack.length * boxHeight + Math.max(stack.length - 1, 0) * gap;
    const start = top + (bodyHeight - stackHeight) / 2;
    stack.forEach((node, row) => position.set(node.key, { x: columns[column]!, y: start + row * (boxHeight + gap) }));
  });

  const nameOf = (key: string): string => {
    const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
    if (kind === 'category') return categoriesById.get(id)?.title ?? id;
    if (kind === 'sink') return sinkTitles[id as SinkKind];
    return recipientsById.get(id)?.name ?? id;
  };
  const paths = [...edges.values()]
    .filter(line => position.has(line.from) && position.has(line.to))
    .map(line => {
      const from = position.get(line.from)!;
      const to = position.get(line.to)!;
      const x1 = from.x + boxWidth;
      const y1 = from.y + boxHeight / 2;
      const x2 = to.x;
      const y2 = to.y + boxHeight / 2;
      const bend = (x2 - x1) / 2;
      const strokeWidth = Math.min(1.5 + line.flows, 8);
      const title = `${nameOf(line.from)} → ${nameOf(line.to)}: ${line.flows} flow${line.flows === 1 ? '' : 's'}, ${line.reported} reported${line.from.startsWith('sink:') ? ` (${[...line.categories].join(', ')})` : ''}`;
      return `<path class="${line.reported > 0 ? 'edge reported' : 'edge'}" d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" stroke-width="${strokeWidth}"><title>${escapeHtml(title)}</title></path>`;
    });
  const boxes = stacks.flat().map(node => {
    const { x, y } = position.get(node.key)!;
    return `<g class="${node.className}"><title>${escapeHtml(`${node.label}: ${node.detail}`)}</title><rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="5"/><text x="${x + 10}" y="${y + 17}">${escapeHtml(cut(node.label, fits.label))}</text><text class="detail" x="${x + 10}" y="${y + 32}">${escapeHtml(cut(node.detail, fits.detail))}</text></g>`;
  });
  const headings = ['Personal data', 'Where the code sends it', 'Third parties']
    .map((heading, column) =>
      stacks[column]!.length > 0
        ? `<text class="heading" x="${columns[column]}" y="16">${escapeHtml(heading)}</text>`
        : '',
    )
    .join('');
  const legend = legendItems(top + bodyHeight + 26);

  const description = `${categoryNodes.length} categories of personal data flow to ${sinkNodes.map(node => node.label.toLowerCase()).join(', ')}${recipientNodes.length > 0 ? `; ${recipientNodes.length} third parties receive them` : ''}.`;
  return `<svg class="map" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg"><title id="map-title">Data map</title><desc id="map-desc">${escapeHtml(description)}</desc>${headings}${paths.join('')}${boxes.join('')}<g class="legend">${legend}</g></svg>`;
}

/** What the map's marks mean (constant text, no escaping needed); the items follow each other and wrap to a new row rather than overlap. */
const legendEntries: readonly {
  readonly swatch: 'reported' | 'plain' | 'special' | 'undeclared';
  readonly text: string;
}[] = [
  { swatch: 'reported', text: 'reported by a rule' },
  { swatch: 'plain', text: 'not reported (declared, consented, masked or allowed)' },
  { swatch: 'special', text: 'special category (Art. 9)' },
  { swatch: 'undeclared', text: 'not declared in privacy.yml' },
];
const legendRowHeight = 22;
/** An upper bound on an 11px sans-serif character's advance, so that a text never runs into the next item. */
const detailCharWidth = 6.6;
const swatchWidth = 36;

/** Where each legend item starts, row by row, within the map's width. */
function legendLayout(): { readonly x: number; readonly row: number }[] {
  let x = 0;
  let row = 0;
  return legendEntries.map(entry => {
    const itemWidth = swatchWidth + 8 + Math.ceil(entry.text.length * detailCharWidth);
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      row += 1;
    }
    const at = { x, row };
    x += itemWidth + 28;
    return at;
  });
}
const legendRows = Math.max(...legendLayout().map(({ row }) => row)) + 1;

function legendItems(firstY: number): string {
  const layout = legendLayout();
  return legendEntries
    .map((entry, index) => {
      const { x, row } = layout[index]!;
      const y = firstY + row * legendRowHeight;
      const mark =
        entry.swatch === 'reported' || entry.swatch === 'plain'
          ? `<path class="${entry.swatch === 'reported' ? 'edge reported' : 'edge'}" d="M${x} ${y} h${swatchWidth}" stroke-width="3"/>`
          : `<g class="node ${entry.swatch}"><rect x="${x + 4}" y="${y - 8}" width="28" height="16" rx="3"/></g>`;
      return `${mark}<text class="detail" x="${x + swatchWidth + 8}" y="${y + 4}">${entry.text}</text>`;
    })
    .join('');
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
