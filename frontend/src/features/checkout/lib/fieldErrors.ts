/**
 * The server's `fields` of a validation error, flattened to dotted paths:
 * `{"details": {"holders": {"1": ["This field may not be blank."]}}}` becomes
 * `{"details.holders.1": "This field may not be blank."}`. Lists of messages give their
 * first; lists of objects (a serializer with many=True) are indexed.
 */
export type FlatErrors = Record<string, string>;

export function flattenFieldErrors(fields: unknown, prefix = ""): FlatErrors {
  const flat: FlatErrors = {};
  const put = (path: string, message: string) => {
    if (!(path in flat)) flat[path] = message;
  };
  if (typeof fields === "string") {
    put(prefix, fields);
    return flat;
  }
  if (Array.isArray(fields)) {
    fields.forEach((entry, index) => {
      if (typeof entry === "string") put(prefix, entry);
      else if (entry && typeof entry === "object" && Object.keys(entry).length > 0) {
        Object.assign(flat, withoutKnown(flattenFieldErrors(entry, join(prefix, String(index))), flat));
      }
    });
    return flat;
  }
  if (fields && typeof fields === "object") {
    for (const [key, value] of Object.entries(fields as Record<string, unknown>)) {
      const path = key === "non_field_errors" ? prefix : join(prefix, key);
      Object.assign(flat, withoutKnown(flattenFieldErrors(value, path), flat));
    }
  }
  return flat;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function withoutKnown(next: FlatErrors, known: FlatErrors): FlatErrors {
  return Object.fromEntries(Object.entries(next).filter(([path]) => !(path in known)));
}
