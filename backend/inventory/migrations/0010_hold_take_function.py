"""``inventory_hold_take``: a hold in one round trip on PostgreSQL.

What ``hold_create`` did in eleven statements (the event, a pre-check, BEGIN, the user row
locked, a count of live holds, two INSERTs, the conditional UPDATE per slot, COMMIT, a re-read
for the answer) runs here inside the server, in the order and with the answers of the plain
ORM path (backend/inventory/services/holds.py explains both):

1. the event (by id, or for the rush route by slug: a draft is ``no_event``, an event on an
   allowlist is handed back to the full path as ``allowlist``); not on sale: ``not_on_sale``;
2. more units than the event allows in one hold: ``too_many``;
3. slots not of this event: ``unknown``; slots that have ended: ``ended``;
4. a slot its counters leave short: the units of expired holds the sweeper has not reached
   yet count as free (read only then, starting from the expired holds); still short is
   ``sold_out`` with the numbers, or ``sweep`` when expired holds could free enough (the
   caller sweeps them and asks again);
5. the per-user limit, with the user's holds for this event queued on a transaction-level
   advisory lock of the user (two tabs cannot both pass it; no row of the user is locked):
   ``hold_limit`` with the live holds;
6. the conditional UPDATE of each slot in ascending id order (``capacity >= sold + held + n``,
   re-checked by PostgreSQL after waiting for a concurrent writer), all or nothing: a short
   slot undoes the others (a sub-transaction) and answers ``sold_out`` / ``sweep``;
7. the hold and its items inserted, and ``held`` with what the answer and the availability
   frame need (the event, each slot with its resource and its new numbers: what its counters
   leave free; units of expired holds show as free when the sweeper releases them, and it
   publishes then).

The conditional UPDATE stays the only judge of a grant; everything before it may only refuse.
"""

from django.db import migrations

from backend.core.migration_ops import PostgresSQL

CREATE = r"""
CREATE OR REPLACE FUNCTION inventory_hold_take(
    p_event bigint, p_slug text, p_user bigint, p_slots bigint[], p_quantities integer[],
    p_now timestamptz, p_hold uuid
) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
    ev record;
    st record;
    taken record;
    unknown bigint[] := '{}';
    ended bigint[] := '{}';
    short jsonb := '[]';
    sweepable boolean := false;
    expired integer[] := '{}';
    free integer[] := '{}';
    counted_short bigint[] := '{}';
    items jsonb := '[]';
    live uuid[];
    total integer;
    i integer;
    n integer := coalesce(array_length(p_slots, 1), 0);
BEGIN
    IF p_event IS NOT NULL THEN
        SELECT * INTO ev FROM inventory_event WHERE id = p_event;
    ELSE
        SELECT * INTO ev FROM inventory_event WHERE slug = p_slug AND status <> 'draft';
        IF NOT FOUND THEN
            RETURN jsonb_build_object('outcome', 'no_event');
        END IF;
        IF ev.allowlist_only THEN
            RETURN jsonb_build_object('outcome', 'allowlist');
        END IF;
    END IF;
    IF ev.status <> 'on_sale' THEN
        RETURN jsonb_build_object('outcome', 'not_on_sale');
    END IF;
    SELECT sum(q) INTO total FROM unnest(p_quantities) q;
    IF total > ev.max_quantity_per_hold THEN
        RETURN jsonb_build_object('outcome', 'too_many', 'limit', ev.max_quantity_per_hold);
    END IF;

    -- One read of every slot asked for (p_slots ascending): whose it is, whether it has
    -- ended, what its counters leave free.
    FOR st IN
        SELECT w.id, w.q, s.id AS found, r.event_id, s.ends_at, s.starts_at, s.price,
               s.capacity - s.sold - s.held AS free,
               r.id AS resource, r.kind, r.name, r.name_en, r.name_ar, r.section, r.row,
               r.number, r.price AS resource_price
        FROM unnest(p_slots, p_quantities) w(id, q)
        LEFT JOIN inventory_slot s ON s.id = w.id
        LEFT JOIN inventory_resource r ON r.id = s.resource_id
        ORDER BY w.id
    LOOP
        IF st.found IS NULL OR st.event_id <> ev.id THEN
            unknown := unknown || st.id;
        ELSIF st.ends_at <= p_now THEN
            ended := ended || st.id;
        ELSIF st.free < st.q THEN
            counted_short := counted_short || st.id;
        END IF;
        free := free || coalesce(st.free, 0);
        expired := expired || 0;
        items := items || jsonb_build_object(
            'slot', st.id, 'quantity', st.q, 'starts_at', st.starts_at, 'ends_at', st.ends_at,
            'price', st.price::text,
            'resource', jsonb_build_object(
                'id', st.resource, 'kind', st.kind, 'name', st.name, 'name_en', st.name_en,
                'name_ar', st.name_ar, 'section', st.section, 'row', st.row,
                'number', st.number, 'price', st.resource_price::text));
    END LOOP;
    IF cardinality(unknown) > 0 THEN
        RETURN jsonb_build_object('outcome', 'unknown', 'slots', to_jsonb(unknown));
    END IF;
    IF cardinality(ended) > 0 THEN
        RETURN jsonb_build_object('outcome', 'ended', 'slots', to_jsonb(ended));
    END IF;
    -- Short by the counters: units of expired holds the sweeper has not released count as
    -- free (read only here, from the expired holds: almost always none). Still short is a
    -- true answer at this instant; with expired holds on it the caller sweeps them and asks
    -- again.
    IF cardinality(counted_short) > 0 THEN
        FOR st IN
            WITH expired_holds AS MATERIALIZED (
                SELECT id FROM inventory_hold WHERE status = 'active' AND expires_at <= p_now
            )
            SELECT hi.slot_id, sum(hi.quantity)::integer AS units
            FROM expired_holds e JOIN inventory_holditem hi ON hi.hold_id = e.id
            WHERE hi.slot_id = ANY (counted_short)
            GROUP BY hi.slot_id
        LOOP
            expired[array_position(p_slots, st.slot_id)] := st.units;
        END LOOP;
        FOR i IN 1 .. n LOOP
            IF p_slots[i] = ANY (counted_short) AND free[i] + expired[i] < p_quantities[i] THEN
                short := short || jsonb_build_object('id', p_slots[i],
                    'requested', p_quantities[i], 'available', greatest(0, free[i] + expired[i]));
                sweepable := sweepable OR expired[i] > 0;
            END IF;
        END LOOP;
        IF jsonb_array_length(short) > 0 THEN
            RETURN jsonb_build_object(
                'outcome', CASE WHEN sweepable THEN 'sweep' ELSE 'sold_out' END,
                'slots', short);
        END IF;
    END IF;

    PERFORM pg_advisory_xact_lock(hashtextextended('inventory.hold_limit:' || p_user, 0));
    -- The user's active holds for the event (hold_owner's three columns; OFFSET 0 keeps the
    -- planner from reaching for the expiry index, whose statistics always lag behind new
    -- holds' expiry times), then those still running.
    SELECT count(*) INTO total FROM (
        SELECT h.expires_at FROM inventory_hold h
        WHERE h.user_id = p_user AND h.event_id = ev.id AND h.status = 'active'
        OFFSET 0
    ) mine
    WHERE mine.expires_at > p_now;
    IF total >= ev.max_live_holds_per_user THEN
        SELECT array_agg(h.id ORDER BY h.created_at, h.id) INTO live
        FROM inventory_hold h
        WHERE h.user_id = p_user AND h.event_id = ev.id AND h.status = 'active'
          AND h.expires_at > p_now;
        RETURN jsonb_build_object('outcome', 'hold_limit', 'holds', to_jsonb(live));
    END IF;

    -- The grant: each slot in ascending id order, all or nothing (a short slot undoes the
    -- ones before it with this block's sub-transaction).
    BEGIN
        FOR i IN 1 .. n LOOP
            UPDATE inventory_slot SET held = held + p_quantities[i], version = version + 1
            WHERE id = p_slots[i] AND capacity >= sold + held + p_quantities[i]
            RETURNING capacity, sold, held, version INTO taken;
            IF NOT FOUND THEN
                RAISE EXCEPTION USING ERRCODE = 'GH001', DETAIL = i::text;
            END IF;
            items := jsonb_set(items, ARRAY[(i - 1)::text, 'numbers'], jsonb_build_object(
                'capacity', taken.capacity, 'version', taken.version,
                'available', taken.capacity - taken.sold - taken.held + expired[i]));
        END LOOP;
    EXCEPTION WHEN SQLSTATE 'GH001' THEN
        -- Taken by someone else between the read and the UPDATE.
        SELECT jsonb_agg(jsonb_build_object(
                   'id', s.id, 'requested', w.q,
                   'available', greatest(0, s.capacity - s.sold - s.held + w.x)))
        INTO short
        FROM unnest(p_slots, p_quantities, expired) w(id, q, x)
        JOIN inventory_slot s ON s.id = w.id
        WHERE s.capacity - s.sold - s.held < w.q;
        RETURN jsonb_build_object(
            'outcome', CASE WHEN 0 < ANY (expired) THEN 'sweep' ELSE 'sold_out' END,
            'slots', coalesce(short, '[]'));
    END;

    INSERT INTO inventory_hold
        (id, event_id, user_id, status, created_at, expires_at, extensions, warned_at, ended_at)
    VALUES (p_hold, ev.id, p_user, 'active', p_now,
            p_now + make_interval(mins => ev.hold_minutes), 0, NULL, NULL);
    INSERT INTO inventory_holditem (hold_id, slot_id, quantity)
    SELECT p_hold, w.id, w.q FROM unnest(p_slots, p_quantities) w(id, q);

    RETURN jsonb_build_object(
        'outcome', 'held',
        'expires_at', p_now + make_interval(mins => ev.hold_minutes),
        'event', jsonb_build_object(
            'id', ev.id, 'slug', ev.slug, 'currency', ev.currency,
            'tax_rate', ev.tax_rate::text, 'prices_include_tax', ev.prices_include_tax,
            'max_hold_extensions', ev.max_hold_extensions, 'hold_minutes', ev.hold_minutes),
        'items', items);
END
$fn$;
"""
DROP = """
DROP FUNCTION IF EXISTS inventory_hold_take(bigint, text, bigint, bigint[], integer[],
                                            timestamptz, uuid);
"""


class Migration(migrations.Migration):
    dependencies = [("inventory", "0009_seat_sections")]

    operations = [PostgresSQL(CREATE, DROP)]
