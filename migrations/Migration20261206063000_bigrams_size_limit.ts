import { Migration } from '@mikro-orm/migrations';

/**
 * A tsvector addresses its lexemes with 20-bit offsets: at most 1,048,575 bytes of lexemes.
 * PostgreSQL 15 refuses more (program_limit_exceeded); PostgreSQL 18 (the embedded default) builds
 * the vector from an array without that check, and a larger one then matches nothing past the limit
 * (measured: a 200,000-character part of distinct text was no longer found by its own words).
 * nianbao_bigrams now refuses such a text itself, on every server, with the same error; below the
 * limit its lexemes are unchanged (no REINDEX). The check runs only when the text could exceed it
 * (every bigram is at most twice a character's bytes).
 */
export class Migration20261206063000_bigrams_size_limit extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function nianbao_bigrams(t text) returns tsvector language plpgsql immutable parallel safe as $$
      declare
        chars text[] := regexp_split_to_array(lower(regexp_replace(normalize(coalesce(t, ''), NFKC), '\\s+', '', 'g')), '');
        n int := cardinality(chars);
        grams text[];
        lexeme_bytes bigint;
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
        if octet_length(array_to_string(chars, '')) * 2 > 1048575 then
          select sum(octet_length(g)) into lexeme_bytes from (select distinct unnest(grams) as g) d;
          if lexeme_bytes > 1048575 then
            raise exception using errcode = 'program_limit_exceeded',
              message = format('string is too long for tsvector (%s bytes, max 1048575 bytes)', lexeme_bytes);
          end if;
        end if;
        return array_to_tsvector(grams);
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function nianbao_bigrams(t text) returns tsvector language plpgsql immutable parallel safe as $$
      declare
        chars text[] := regexp_split_to_array(lower(regexp_replace(normalize(coalesce(t, ''), NFKC), '\\s+', '', 'g')), '');
        n int := cardinality(chars);
        grams text[];
      begin
        if n = 1 and chars[1] = '' then
          return ''::tsvector;
        end if;
        grams := array_fill(''::text, array[n]);
        for i in 1 .. n - 1 loop
          grams[i] := chars[i] || chars[i + 1];
        end loop;
        grams[n] := chars[n];
        return array_to_tsvector(grams);
      end $$;`);
  }

}
