/**
 * The title read from text: a heading printed letter-spaced (pdftotext -layout keeps the spaces)
 * is the title; a hard-wrapped introduction line that cites the format's notice
 * (印发〈…政府信息公开工作年度报告格式〉的通知) is not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../src/ingest/index.js';

const source = readFileSync(join(__dirname, '../../fixtures/corpus/05_pingtan_2022.txt'), 'utf8');
const body = source.slice(source.indexOf('===================='));
const TITLE = '平潭综合实验区2022年度政府信息公开工作年度报告';

describe('the title of a report read as text', () => {
  it('a letter-spaced title line is the title, without its spaces', () => {
    expect(parseReport(`${[...TITLE].join(' ')}\n${body}`).title).toBe(TITLE);
  });

  it('a line of the introduction citing the format is no title, wherever the text wraps it', () => {
    const intro = ['根据新修订的《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公', '室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》相关要求编制本报告,内', '容包括总体情况等六个部分。'];
    expect(parseReport(`${intro.join('\n')}\n${body}`).title).toBeNull();
    expect(parseReport(`${intro.join('\n')}\n\n${TITLE}\n${body}`).title).toBe(TITLE);
  });
});
