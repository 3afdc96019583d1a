import { describe, expect, it } from 'vitest';
import {
  agencyNameVariants,
  compareAgencyKeys,
  foldAgencyName,
  indexRegionNames,
  regionChainNames,
  regionFromName,
  stripRegionPrefix,
} from '../../../src/ingest/agency-name.js';

const tree = indexRegionNames([
  { code: '370000', name: '山东省', parentCode: null },
  { code: '370400', name: '枣庄市', parentCode: '370000' },
  { code: '370406', name: '山亭区', parentCode: '370400' },
  { code: '310000', name: '上海市', parentCode: null },
  { code: '310101', name: '黄浦区', parentCode: '310000' },
  { code: '350000', name: '福建省', parentCode: null },
  { code: '350100', name: '福州市', parentCode: '350000' },
  { code: '350102', name: '鼓楼区', parentCode: '350100' },
  { code: '320000', name: '江苏省', parentCode: null },
  { code: '320300', name: '徐州市', parentCode: '320000' },
  { code: '320302', name: '鼓楼区', parentCode: '320300' },
]);

describe('folding agency names', () => {
  it('folds full-width forms, spaces, punctuation, brackets and 人民政府', () => {
    expect(foldAgencyName('平潭综合实验区 管委会（平潭县人民政府）')).toBe('平潭综合实验区管委会');
    expect(foldAgencyName('ＡＢＣ市人民政府·办公室')).toBe('ABC市政府办公室');
    expect(agencyNameVariants('上海市科学技术委员会（市科委）')).toEqual(['上海市科学技术委员会', '市科委']);
    expect(agencyNameVariants('淮安市人民政府【办公室编制】')).toEqual(['淮安市人民政府', '办公室编制']);
  });

  it('drops the region names a name starts with, full or short, and the 市 that stands for the region', () => {
    const shanting = regionChainNames('370406', tree);
    expect(shanting).toEqual(['山东省', '枣庄市', '山亭区']);
    for (const name of ['山东省枣庄市山亭区人民政府', '枣庄市山亭区政府', '山亭区人民政府', '山东枣庄山亭区政府']) {
      expect(stripRegionPrefix(foldAgencyName(name), shanting), name).toBe('政府');
    }
    expect(stripRegionPrefix(foldAgencyName('市科委'), ['上海市'])).toBe('科委');
    expect(stripRegionPrefix(foldAgencyName('上海市科委'), ['上海市'])).toBe('科委');
  });

  it('tells the same name, a similar one and another apart', () => {
    expect(compareAgencyKeys('政府', '政府')).toBe('SAME');
    expect(compareAgencyKeys('政府办公室', '政府')).toBe('SIMILAR');
    expect(compareAgencyKeys('人力资源和社会保障局', '人力资源社会保障局')).toBe('SIMILAR');
    expect(compareAgencyKeys('统计局', '审计局')).toBeNull(); // too short to take a slip for granted
    expect(compareAgencyKeys('教育局', '政府')).toBeNull();
    expect(compareAgencyKeys('自然资源局', '自然资源和规划局')).toBeNull();
    expect(compareAgencyKeys('测试10县政府', '测试1县政府')).toBeNull(); // numbers tell agencies apart
    expect(compareAgencyKeys('第一中学办公室', '第二中学办公室')).toBeNull();
  });
});

describe('reading the region a name states', () => {
  it('follows the chain of region names at its start', () => {
    expect(regionFromName('枣庄市山亭区人民政府', tree)).toEqual({ code: '370406' });
    expect(regionFromName('山东省枣庄市山亭区人民政府', tree)).toEqual({ code: '370406' });
    expect(regionFromName('山东枣庄市山亭区人民政府', tree)).toEqual({ code: '370406' });
    expect(regionFromName('山亭区教育局', tree)).toEqual({ code: '370406' });
    expect(regionFromName('上海市科委', tree)).toEqual({ code: '310000' });
    expect(regionFromName('上海市黄浦区人民政府', tree)).toEqual({ code: '310101' });
  });

  it('says when it cannot tell', () => {
    expect(regionFromName('鼓楼区人民政府', tree)).toEqual({ ambiguous: ['320302', '350102'] });
    expect(regionFromName('福州市鼓楼区人民政府', tree)).toEqual({ code: '350102' });
    expect(regionFromName('平潭综合实验区管委会', tree)).toBeNull();
    expect(regionFromName('国务院办公厅', tree)).toBeNull();
  });
});
