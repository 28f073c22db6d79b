// The login page asks the server for a passkey challenge as it loads (passkey autofill),
// and that answer sets the session cookie. Should it arrive after the answer to the
// password login, the browser would swap the new signed-in session for the anonymous one
// and the next page would ask to log in again. So the login form waits for such requests
// to finish (at most a few seconds) before it is sent, and none starts once it is sent.
(() => {
  const MAX_WAIT_MS = 5000;
  const sendFetch = window.fetch.bind(window);
  let pending = 0;
  let held = null;
  let leaving = false;

  const release = () => {
    if (held && pending === 0) {
      const form = held;
      held = null;
      leaving = true;
      form.submit();
    }
  };

  window.fetch = (...args) => {
    if (leaving) return Promise.reject(new Error("The page is being left for the login."));
    pending += 1;
    return sendFetch(...args).finally(() => {
      pending -= 1;
      release();
    });
  };

  document.addEventListener(
    "submit",
    (event) => {
      if (event.target.id !== "login-form" || event.defaultPrevented) return;
      if (pending === 0) {
        leaving = true;
        return;
      }
      event.preventDefault();
      held = event.target;
      window.setTimeout(() => {
        pending = 0;
        release();
      }, MAX_WAIT_MS);
    },
    true,
  );
})();
