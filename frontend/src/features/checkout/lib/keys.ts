/** The keys of the checkout area's messages (for pure modules that name a message). */
import type messages from "../../../i18n/messages/checkout";

export type CheckoutKey = keyof (typeof messages)["en"];
