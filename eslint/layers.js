// LiteSIP's architecture rules (STYLE.md rules 1 and 2), as one ESLint rule:
// process boundaries by folder, and layers that only import downward.
import path from 'node:path';

/** Rank of each module under main/: a module may import only modules of lower rank. */
export const MODULE_RANKS = {
  lib: 0,
  store: 0,
  sdp: 1,
  nat: 1,
  sip: 2,
  media: 3,
  presence: 4,
  im: 4,
  services: 5,
  p2p: 5,
  engine: 6,
  cli: 7,
  shell: 7,
};

/** Sub-layers of the SIP stack: message ← transport ← transaction ← dialog ← ua. */
export const SIP_RANKS = {
  message: 0,
  auth: 1,
  locator: 1,
  transport: 2,
  transaction: 3,
  dialog: 4,
  ua: 5,
};

const NODE_BUILTIN = /^node:/;

function areaOf(rel) {
  const parts = rel.split('/');
  const [top, second, third] = parts;
  if (top === 'main') return { process: 'main', module: second ?? '', sub: second === 'sip' ? third : undefined };
  if (top === 'shared' || top === 'renderer' || top === 'preload') return { process: top };
  return { process: 'other' };
}

function checkImport(fromRel, spec, targetRel) {
  const from = areaOf(fromRel);
  const isElectron = spec === 'electron' || spec.startsWith('electron/');
  if (from.process === 'other') return undefined;

  if (isElectron) {
    if (from.process === 'preload') return undefined;
    if (from.process === 'main' && from.module === 'shell') return undefined;
    return `'electron' may be imported only in main/shell and preload (not in ${fromRel})`;
  }
  if (NODE_BUILTIN.test(spec) && (from.process === 'shared' || from.process === 'renderer')) {
    return `${from.process}/ must not use Node built-ins ('${spec}')`;
  }
  if (targetRel === undefined) return undefined; // a package

  const to = areaOf(targetRel);
  if (to.process === 'other') return undefined;
  switch (from.process) {
    case 'shared':
      return to.process === 'shared' ? undefined : `shared/ imports only shared/ (not ${targetRel})`;
    case 'renderer':
      return to.process === 'renderer' || to.process === 'shared' ? undefined : `renderer/ imports only renderer/ and shared/ (not ${targetRel})`;
    case 'preload':
      return to.process === 'preload' || to.process === 'shared' ? undefined : `preload/ imports only shared/ and electron (not ${targetRel})`;
    case 'main': {
      if (to.process === 'shared') return undefined;
      if (to.process !== 'main') return `main/ must not import ${to.process}/ (${targetRel})`;
      if (from.module === to.module) {
        if (from.module !== 'sip' || !from.sub || !to.sub || from.sub === to.sub) return undefined;
        const a = SIP_RANKS[from.sub];
        const b = SIP_RANKS[to.sub];
        if (a === undefined || b === undefined) return undefined;
        return b < a ? undefined : `sip/${from.sub} must not import sip/${to.sub}: SIP layers only import downward`;
      }
      const a = MODULE_RANKS[from.module];
      const b = MODULE_RANKS[to.module];
      if (a === undefined) return `main/${from.module} is not a known module; add it to eslint/layers.js`;
      if (b === undefined) return `main/${to.module} is not a known module; add it to eslint/layers.js`;
      return b < a ? undefined : `main/${from.module} must not import main/${to.module}: layers only import downward`;
    }
    default:
      return undefined;
  }
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Process boundaries and downward-only layer imports' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const fromRel = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const spec = source.value;
      const targetRel = spec.startsWith('.')
        ? path.relative(root, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/')
        : undefined;
      const problem = checkImport(fromRel, spec, targetRel);
      if (problem) context.report({ node, message: problem });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default { rules: { layers: layersRule } };
