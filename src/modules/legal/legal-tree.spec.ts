import { buildTree } from './legal.service.js';

const p = (eId: string, parentEId: string | null = null) => ({
  id: eId,
  eId,
  parentEId,
  heading: {},
  text: {},
});

describe('buildTree', () => {
  it('nests by parentEId and keeps document order', () => {
    const tree = buildTree([
      p('chp_1'),
      p('art_1', 'chp_1'),
      p('art_1__para_1', 'art_1'),
      p('art_2', 'chp_1'),
      p('chp_2'),
    ]);
    const shape = (nodes: ReturnType<typeof buildTree>): unknown =>
      nodes.map((n) => [n.eId, shape(n.children)]);
    expect(shape(tree)).toEqual([
      [
        'chp_1',
        [
          ['art_1', [['art_1__para_1', []]]],
          ['art_2', []],
        ],
      ],
      ['chp_2', []],
    ]);
  });

  it('shows a provision whose parent is missing, or in a loop, at the top rather than losing it', () => {
    const tree = buildTree([p('art_1', 'art_9'), p('art_2', 'art_3'), p('art_3', 'art_2')]);
    expect(tree.map((n) => n.eId)).toEqual(['art_1', 'art_2', 'art_3']);
  });
});
