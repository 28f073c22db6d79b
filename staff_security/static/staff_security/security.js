// After a new passkey is saved, reload the account page so it lists the passkey.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.setTimeout(() => window.location.reload(), 600);
});
