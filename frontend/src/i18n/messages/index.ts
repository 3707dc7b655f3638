/** Every area's messages, merged. Each area file exports {en, ar} with the same keys. */
import common from "./common";
import guest from "./guest";
import scan from "./scan";
import staff from "./staff";
import vip from "./vip";

export const messages = {
  en: { ...common.en, ...guest.en, ...vip.en, ...scan.en, ...staff.en },
  ar: { ...common.ar, ...guest.ar, ...vip.ar, ...scan.ar, ...staff.ar },
};
