/** The signed-in user; someone who is not signed in goes to the sign-in page and back here. */
import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";
import type { Me } from "../../../api/schema";
import { useSession, useSessionReady } from "../../../components/SiteHeader";
import { signInPath } from "../../../shared/auth/nextPath";

/** `undefined` while the session is being restored after a reload. */
export function useSignedIn(): Me | null | undefined {
  const ready = useSessionReady();
  const user = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  useEffect(() => {
    if (ready && !user) navigate(signInPath(here), { replace: true });
  }, [ready, user, here, navigate]);
  return ready ? user : undefined;
}
