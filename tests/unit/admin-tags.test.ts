import { addTag, readFormTags, removeTag } from '../../admin/src/utils/tags';

describe('admin tags input: the list it edits', () => {
  it('reads either stored shape (catalogue objects, or bare names of earlier versions) and skips anything else', () => {
    expect(readFormTags([{ name: 'ОИС', slug: 'ois' }, 'МИД РК', '  ', 5, null, { slug: 'x' }])).toEqual([{ name: 'ОИС', slug: 'ois' }, { name: 'МИД РК' }]);
    expect(readFormTags(null)).toEqual([]);
    expect(readFormTags('ОИС')).toEqual([]);
  });

  it('adds a catalogue tag in place of a typed name of the same key (any case, ё = е), never twice', () => {
    const found = [{ name: 'Ёлки', slug: 'yolki' }];
    expect(addTag([], '  елки ', found)).toEqual([{ name: 'Ёлки', slug: 'yolki' }]);
    expect(addTag([{ name: 'Ёлки', slug: 'yolki' }], 'ЕЛКИ', found)).toEqual([{ name: 'Ёлки', slug: 'yolki' }]);
    expect(addTag([], 'Новый   тег')).toEqual([{ name: 'Новый тег' }]);
    expect(addTag([{ name: 'ОИС' }], '   ')).toEqual([{ name: 'ОИС' }]);
  });

  it('removes by key', () => {
    expect(removeTag([{ name: 'Ёлки', slug: 'yolki' }, { name: 'ОИС' }], 'елки')).toEqual([{ name: 'ОИС' }]);
  });
});
