import { Migration } from '@mikro-orm/migrations';

/**
 * nianbao_bigrams in linear time. The previous loop appended to an array (`grams || x` copies it)
 * and took `substr(s, i, 2)` (which walks the UTF-8 text from its start): both quadratic, so an
 * 80,000-character section took 48 s to index. Splitting into characters once and filling a
 * preallocated array makes it linear. The lexemes are exactly the same for every input (the test
 * tests/api/bigrams.test.ts compares both functions), so the GIN indexes built with the old
 * function stay valid: no REINDEX.
 */
export class Migration20261206045502_linear_bigrams extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function nianbao_bigrams(t text) returns tsvector language plpgsql immutable parallel safe as $$
      declare
        chars text[] := regexp_split_to_array(lower(regexp_replace(normalize(coalesce(t, ''), NFKC), '\\s+', '', 'g')), '');
        n int := cardinality(chars);
        grams text[];
      begin
        -- An empty string splits into one empty element, and has no lexemes.
        if n = 1 and chars[1] = '' then
          return ''::tsvector;
        end if;
        grams := array_fill(''::text, array[n]);
        for i in 1 .. n - 1 loop
          grams[i] := chars[i] || chars[i + 1];
        end loop;
        -- The last character alone, so a one-character query finds it as a prefix wherever it occurs.
        grams[n] := chars[n];
        return array_to_tsvector(grams);
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function nianbao_bigrams(t text) returns tsvector language plpgsql immutable parallel safe as $$
      declare
        s text := lower(regexp_replace(normalize(coalesce(t, ''), NFKC), '\\s+', '', 'g'));
        grams text[] := '{}';
      begin
        for i in 1 .. char_length(s) loop
          grams := grams || substr(s, i, 2);
        end loop;
        return array_to_tsvector(grams);
      end $$;`);
  }

}
