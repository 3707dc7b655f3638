/** Every area's messages, merged. Each area file exports {en, ar} with the same keys. */
import account from "./account";
import apikeys from "./apikeys";
import changes from "./changes";
import checkout from "./checkout";
import common from "./common";
import festival from "./festival";
import guest from "./guest";
import links from "./links";
import media from "./media";
import payments from "./payments";
import repair from "./repair";
import scan from "./scan";
import seatmap from "./seatmap";
import staff from "./staff";
import vendor from "./vendor";
import vip from "./vip";
import waitingRoom from "./waitingRoom";
import wording from "./wording";

export const messages = {
  en: { ...common.en, ...guest.en, ...checkout.en, ...vip.en, ...scan.en, ...staff.en, ...links.en, ...repair.en, ...festival.en, ...vendor.en, ...account.en, ...payments.en, ...wording.en, ...media.en, ...changes.en, ...seatmap.en, ...apikeys.en, ...waitingRoom.en },
  ar: { ...common.ar, ...guest.ar, ...checkout.ar, ...vip.ar, ...scan.ar, ...staff.ar, ...links.ar, ...repair.ar, ...festival.ar, ...vendor.ar, ...account.ar, ...payments.ar, ...wording.ar, ...media.ar, ...changes.ar, ...seatmap.ar, ...apikeys.ar, ...waitingRoom.ar },
};
