-- Ids of parks, spaces and recruiters, recruiters' emails and staff accounts' emails are one and the
-- same whatever their case (docs/decisions/107): a park "gc-edz" beside "GC-EDZ", a recruiter "r3"
-- beside "R3" or two recruiters with one mailbox made leads stall or reach the wrong person. The app
-- says so at the field (app/inventory/inventory-clashes.server.ts); these indexes hold it in the database.
--
-- A database that already holds such a pair is not changed behind anyone's back: renaming an id that
-- offers, matches and the audit trail name, or one of two emails, would guess which row is meant. The
-- migration stops with the pairs named; nothing is written (one transaction), and the service starts
-- again once the pairs are resolved by hand.
do $$
declare
  pairs text;
begin
  select string_agg(line, '; ' order by line) into pairs from (
    select 'parks ' || string_agg(id, ' / ' order by id) as line from parks group by lower(id) having count(*) > 1
    union all
    select 'spaces ' || string_agg(id, ' / ' order by id) from spaces group by lower(id) having count(*) > 1
    union all
    select 'recruiters ' || string_agg(id, ' / ' order by id) from recruiters group by lower(id) having count(*) > 1
    union all
    select 'recruiters ' || string_agg(id, ' / ' order by id) || ' email ' || min(email) from recruiters
    group by lower(email) having count(*) > 1
    union all
    select 'users ' || string_agg(email, ' / ' order by email) from users group by lower(email) having count(*) > 1
  ) clash;
  if pairs is not null then
    raise exception using
      errcode = 'PM082',
      message = '迁移 082 未执行：以下编号或邮箱只差大小写（或相同），现在起它们被视为同一个：' || pairs
        || '。请决定哪一条是要保留的：给另一条换一个编号或邮箱（它被线索、匹配引用时一并改），或删除没有用到的那条，然后再启动。'
        || ' | Migration 082 not applied: these ids or emails differ only in case (or are equal) and now count as one: '
        || pairs || '. Decide which row is meant; give the other another id or email (with the rows that refer to it), '
        || 'or delete it if nothing uses it, then start again. Nothing was changed.';
  end if;
end $$;

create unique index parks_id_lower on parks (lower(id));
create unique index spaces_id_lower on spaces (lower(id));
create unique index recruiters_id_lower on recruiters (lower(id));
create unique index recruiters_email_lower on recruiters (lower(email));
create unique index users_email_lower on users (lower(email));
