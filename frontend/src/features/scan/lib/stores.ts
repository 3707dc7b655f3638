/** The station's stores in this browser: one queue for every gate, one ledger per gate. */
import { AdmissionLedger, ScanQueue } from "./queue";

export const scanQueue = new ScanQueue(localStorage);

const ledgers = new Map<number, AdmissionLedger>();

export function ledgerFor(gateId: number): AdmissionLedger {
  let ledger = ledgers.get(gateId);
  if (!ledger) {
    ledger = new AdmissionLedger(localStorage, `gh.scan.seen.${gateId}`);
    ledgers.set(gateId, ledger);
  }
  return ledger;
}
