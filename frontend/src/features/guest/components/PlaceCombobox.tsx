/**
 * The stay search's "Where" box: a combobox (WAI-ARIA 1.2, list autocomplete) that suggests
 * cities and resorts as the guest types, in English or Arabic and in part ("jed", "جده",
 * "corn"), from GET /api/search/stays/suggestions/. Arrow keys move through the suggestions,
 * Enter or a click takes one, Escape closes the list; the guest may also type anything and
 * search with it.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { KeyboardEvent, ReactNode } from "react";
import type { StaySuggestion } from "../../../api/schema";
import { useI18n } from "../../../i18n";
import { matchRange, searchKey } from "../../../shared/lib/searchKey";
import { suggestStays } from "../api";

const DELAY_MS = 150;

export function PlaceCombobox({
  id,
  value,
  placeholder,
  invalid,
  describedBy,
  onChange,
}: {
  id: string;
  value: string;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  onChange(value: string): void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const listId = useId();
  const [suggestions, setSuggestions] = useState<StaySuggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  const key = searchKey(value);

  useEffect(() => {
    if (!key || !typed.current) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      suggestStays(value, controller.signal).then(
        (body) => {
          setSuggestions(body.suggestions);
          setActive(-1);
          // A late answer does not open the list over the field the guest has moved on to.
          setOpen(document.activeElement === input.current);
        },
        () => undefined, // suggestions are a help: a failure leaves the box as it is
      );
    }, DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- asked again when the folded text or the language changes, not for every keystroke that folds the same
  }, [key, lang]);

  const shown = key ? suggestions : [];
  const expanded = open && shown.length > 0;

  const choose = (suggestion: StaySuggestion) => {
    typed.current = false;
    onChange(suggestion.location);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && shown.length) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % shown.length);
    } else if (event.key === "ArrowUp" && shown.length) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index <= 0 ? shown.length - 1 : index - 1));
    } else if (event.key === "Enter" && expanded && active >= 0) {
      event.preventDefault(); // take the suggestion; a second Enter searches
      choose(shown[active]);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="combobox">
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        dir="auto"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={value}
        onChange={(event) => {
          typed.current = true;
          onChange(event.target.value);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => shown.length > 0 && setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={listId} role="listbox" className="combobox-list" aria-label={t("guest.search.suggestions")} hidden={!expanded}>
        {shown.map((suggestion, index) => (
          <li
            key={`${suggestion.kind}-${suggestion.label}-${suggestion.city}`}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? "is-active" : undefined}
            // Before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(suggestion);
            }}
          >
            <bdi className="combobox-label">{marked(suggestion.label, value)}</bdi>
            <span className="muted small">
              {suggestion.kind === "city" ? t("guest.search.suggestCity") : <bdi>{suggestion.city}</bdi>}
            </span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" role="status" aria-live="polite">
        {expanded ? t("guest.search.suggestionCount", { count: formatNumber(shown.length) }) : ""}
      </span>
    </div>
  );
}

/** The label with the part the guest typed in bold. */
function marked(label: string, typedText: string): ReactNode {
  const range = matchRange(label, typedText);
  if (!range) return label;
  const [start, end] = range;
  return (
    <>
      {label.slice(0, start)}
      <mark>{label.slice(start, end)}</mark>
      {label.slice(end)}
    </>
  );
}
