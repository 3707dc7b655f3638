"""``checkin_scan`` counts on the station's shard of the gate's counters.

Migration 0006's function moved ``admitted_count`` / ``rejected_count`` on the gate row: every
station at a gate queued on that row's lock, held until each scan's commit was flushed, so four
stations scanned no faster than one. Here the count goes to ``checkin_gatecountshard`` (the
station's shard: its device id modulo 16, so a gate's stations rarely share one), and the
figures the scan publishes are the gate's own counters (still moved by the ORM path: SQLite,
setup codes, offline sync) plus the sum of its shards. The rest of the function is 0006's.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION checkin_scan(
    p_gate bigint, p_device bigint, p_ticket bigint, p_code_event bigint,
    p_code_version integer, p_refusal text, p_direction text, p_now timestamptz,
    p_now_text text, p_request_id text, p_lang text, p_messages jsonb, p_sold text[]
) RETURNS jsonb LANGUAGE plpgsql AS $fn$
DECLARE
    g record;
    t record;
    v_first record;
    v_status text;
    v_done integer := 0;
    v_ticket bigint;
    v_answer jsonb;
    v_earlier jsonb;
    v_admitted integer;
    v_rejected integer;
BEGIN
    IF p_device IS NOT NULL THEN
        PERFORM 1 FROM accounts_scannerdevice WHERE id = p_device AND revoked_at IS NULL;
        IF NOT FOUND THEN
            RETURN jsonb_build_object('outcome', 'revoked');
        END IF;
    END IF;
    SELECT gate.id, gate.event_id, gate.mode, gate.load_in, event.slug INTO g
        FROM checkin_gate gate JOIN inventory_event event ON event.id = gate.event_id
        WHERE gate.id = p_gate;
    IF NOT FOUND THEN
        RETURN jsonb_build_object('outcome', 'no_gate');
    END IF;
    IF p_device IS NOT NULL THEN
        PERFORM 1 FROM checkin_gate_devices WHERE gate_id = p_gate AND scannerdevice_id = p_device;
        IF NOT FOUND THEN
            RETURN jsonb_build_object('outcome', 'forbidden');
        END IF;
        IF p_request_id <> '' THEN
            SELECT s.answer INTO v_earlier FROM checkin_scan s
                WHERE s.device_id = p_device AND s.request_id = p_request_id;
            IF FOUND THEN
                RETURN jsonb_build_object('outcome', 'earlier', 'answer', v_earlier);
            END IF;
        END IF;
    END IF;

    IF p_refusal IS NOT NULL THEN
        v_status := p_refusal;
    ELSE
        SELECT ticket.id, ticket.event_id, ticket.status, ticket.version, ticket.label,
               ticket.holder_name, ticket.admitted_at, booking.status AS booking_status,
               slot.resource_id
            INTO t
            FROM tickets_ticket ticket
            JOIN bookings_booking booking ON booking.id = ticket.booking_id
            JOIN inventory_slot slot ON slot.id = ticket.slot_id
            WHERE ticket.id = p_ticket;
        IF p_code_event <> g.event_id THEN
            v_status := 'wrong_event';
        ELSIF t.id IS NULL OR t.event_id <> p_code_event THEN
            v_status := 'invalid';
        ELSIF g.load_in THEN
            v_status := 'wrong_gate';
        ELSIF t.status = 'void' OR t.version <> p_code_version THEN
            v_status := 'void';
        ELSIF NOT (t.booking_status = ANY (p_sold)) THEN
            v_status := 'unpaid';
        ELSIF EXISTS (SELECT 1 FROM checkin_gate_resources WHERE gate_id = p_gate)
              AND NOT EXISTS (SELECT 1 FROM checkin_gate_resources
                              WHERE gate_id = p_gate AND resource_id = t.resource_id) THEN
            v_status := 'wrong_gate';
        ELSIF g.mode = 'single' THEN
            UPDATE tickets_ticket SET admitted_at = p_now, admitted_gate_id = p_gate, inside = true
                WHERE id = t.id AND status = 'valid' AND version = p_code_version
                  AND admitted_at IS NULL;
            GET DIAGNOSTICS v_done = ROW_COUNT;
            v_status := CASE WHEN v_done > 0 THEN 'admitted' ELSE 'already_used' END;
        ELSIF p_direction = 'out' THEN
            UPDATE tickets_ticket SET inside = false
                WHERE id = t.id AND status = 'valid' AND version = p_code_version AND inside;
            GET DIAGNOSTICS v_done = ROW_COUNT;
            v_status := CASE WHEN v_done > 0 THEN 'exited' ELSE 'already_used' END;
        ELSE
            UPDATE tickets_ticket SET inside = true,
                    admitted_gate_id = CASE WHEN admitted_at IS NULL THEN p_gate
                                            ELSE admitted_gate_id END,
                    admitted_at = coalesce(admitted_at, p_now)
                WHERE id = t.id AND status = 'valid' AND version = p_code_version
                  AND NOT inside;
            GET DIAGNOSTICS v_done = ROW_COUNT;
            v_status := CASE WHEN v_done > 0 THEN 'admitted' ELSE 'already_used' END;
        END IF;
        IF v_status <> 'invalid' AND t.id IS NOT NULL THEN
            v_ticket := t.id;
        END IF;
    END IF;

    v_answer := jsonb_build_object('status', v_status, 'message', p_messages ->> v_status);
    IF v_ticket IS NOT NULL THEN
        v_answer := v_answer || jsonb_build_object('ticket', jsonb_build_object(
            'id', t.id, 'label', t.label, 'holder_name', t.holder_name, 'event', t.event_id));
    END IF;
    IF v_status = 'already_used' AND v_ticket IS NOT NULL THEN
        -- A statement of its own: a new snapshot, which sees the winning station's commit.
        SELECT ticket.admitted_at,
               gate.id AS gate_id,
               coalesce(nullif(CASE WHEN p_lang = 'ar' THEN gate.name_ar END, ''),
                        nullif(gate.name_en, ''), gate.name) AS gate_name
            INTO v_first
            FROM tickets_ticket ticket LEFT JOIN checkin_gate gate
                ON gate.id = ticket.admitted_gate_id
            WHERE ticket.id = v_ticket;
        v_answer := v_answer || jsonb_build_object(
            'first_admitted_at',
            CASE WHEN v_first.admitted_at IS NULL THEN NULL
                 ELSE to_char(v_first.admitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                      || CASE WHEN to_char(v_first.admitted_at, 'US') = '000000' THEN ''
                              ELSE '.' || to_char(v_first.admitted_at, 'US') END
                      || 'Z' END,
            'first_gate',
            CASE WHEN v_first.gate_id IS NULL THEN NULL
                 ELSE jsonb_build_object('id', v_first.gate_id, 'name', v_first.gate_name) END);
    END IF;
    v_answer := v_answer || jsonb_build_object('gate', p_gate, 'scanned_at', p_now_text);

    INSERT INTO checkin_scan (gate_id, ticket_id, device_id, status, request_id, answer,
                              scanned_at, kind, vendor_id)
        VALUES (p_gate, v_ticket, p_device, v_status, coalesce(p_request_id, ''), v_answer,
                p_now, 'ticket', NULL);
    -- The station's shard of the gate's counters (not the gate row: stations at one gate
    -- do not queue on one lock), then the gate's figures: its own counters and every shard.
    INSERT INTO checkin_gatecountshard AS c (gate_id, shard, admitted, rejected)
        VALUES (p_gate, mod(coalesce(p_device, pg_backend_pid()), 16),
                CASE WHEN v_status = 'admitted' THEN 1 ELSE 0 END,
                CASE WHEN v_status IN ('admitted', 'exited') THEN 0 ELSE 1 END)
        ON CONFLICT (gate_id, shard) DO UPDATE
            SET admitted = c.admitted + excluded.admitted,
                rejected = c.rejected + excluded.rejected;
    SELECT gate.admitted_count + coalesce(sum(s.admitted), 0),
           gate.rejected_count + coalesce(sum(s.rejected), 0)
        INTO v_admitted, v_rejected
        FROM checkin_gate gate LEFT JOIN checkin_gatecountshard s ON s.gate_id = gate.id
        WHERE gate.id = p_gate
        GROUP BY gate.id;
    RETURN jsonb_build_object(
        'outcome', 'scanned', 'answer', v_answer, 'slug', g.slug,
        'counts', jsonb_build_object('admitted', v_admitted, 'rejected', v_rejected));
END
$fn$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite keeps the ORM path
        schema_editor.execute(CREATE)


def previous(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from importlib import import_module

        schema_editor.execute(import_module("backend.checkin.migrations.0006_scan_function").CREATE)


class Migration(migrations.Migration):
    dependencies = [
        ("checkin", "0007_gate_count_shards"),
    ]

    operations = [migrations.RunPython(create, previous)]
