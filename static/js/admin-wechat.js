// "Copy the article" on the WeChat article page (editorial/admin/mailings.py): puts the
// article's own HTML on the clipboard, as the WeChat editor takes it when pasted. Without
// this script the article is selected and copied by hand.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy-article]")) {
    const article = document.getElementById(button.dataset.copyArticle);
    const status = document.querySelector(".wechat-export__status");
    button.hidden = false;
    button.addEventListener("click", async () => {
      const html = new Blob([article.innerHTML], { type: "text/html" });
      const text = new Blob([article.innerText], { type: "text/plain" });
      await navigator.clipboard.write([new ClipboardItem({ "text/html": html, "text/plain": text })]);
      status.textContent = button.dataset.copiedText;
    });
  }
});
