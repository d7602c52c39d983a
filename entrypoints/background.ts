export default defineBackground(() => {
  // wired up in lib/background
});
