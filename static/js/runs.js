// Checklist runs: each answer is saved as soon as it is chosen or typed (fetch POST to the item's
// own form action). Without JavaScript every item's « Enregistrer » button posts the same form.
(function () {
    "use strict";

    var run = document.querySelector(".run[data-run]");
    if (!run || !window.fetch || !window.FormData) {
        return;
    }
    var progressLine = run.querySelector(".run-progress");
    var progress = progressLine.querySelector("progress");
    var count = progressLine.querySelector(".run-progress__count");
    var failed = run.querySelector("[data-run-failed]");
    var counts = progressLine.querySelector(".run-progress__counts");
    var unanswered = run.querySelector("[data-run-unanswered]");
    var countText = progressLine.dataset.countText;
    var feedbackStatuses = ["ko", "na"];

    function showSummary(summary) {
        progress.max = summary.total;
        progress.value = summary.answered;
        count.textContent = countText.replace("{done}", summary.answered).replace("{total}", summary.total);
        counts.textContent = counts.dataset.countsText
            .replace("{ok}", summary.counts.ok)
            .replace("{ko}", summary.counts.ko)
            .replace("{na}", summary.counts.na);
        failed.hidden = !summary.failed;
        if (unanswered) {
            unanswered.hidden = summary.answered >= summary.total;
        }
    }

    function setUp(form) {
        var item = form.closest(".run-item");
        var error = form.querySelector("[data-run-error]");
        var saved = form.querySelector("[data-run-saved]");
        var feedback = form.querySelector("[data-run-feedback]");
        var file = form.querySelector("input[type=file]");

        function save() {
            var data = new FormData(form);
            saved.textContent = run.dataset.savingText;
            fetch(form.action, {
                method: "POST",
                body: data,
                credentials: "same-origin",
                headers: { "Accept": "application/json" }
            }).then(function (response) {
                return response.json().then(function (body) {
                    return { ok: response.ok, body: body };
                });
            }).then(function (result) {
                if (!result.ok) {
                    error.textContent = (result.body.errors || [result.body.error]).join(" ");
                    error.hidden = false;
                    saved.textContent = "";
                    return;
                }
                error.hidden = true;
                item.dataset.status = result.body.status;
                if (feedback) {
                    feedback.hidden = feedbackStatuses.indexOf(result.body.status) === -1;
                }
                if (file && file.value) {
                    file.value = "";  // sent: the next save must not send it again
                }
                var shown = form.querySelector(".run-item__file");
                if (shown && !result.body.evidence) {
                    shown.remove();  // the file was withdrawn
                }
                saved.textContent = run.dataset.savedText;
                showSummary(result.body.summary);
            }).catch(function () {
                error.textContent = run.dataset.offlineText;
                error.hidden = false;
            });
        }

        form.addEventListener("change", save);
        form.addEventListener("submit", function (event) {
            // The feedback button posts the form as a page (formaction): leave it to the browser.
            if (event.submitter && event.submitter.hasAttribute("data-run-feedback")) {
                return;
            }
            event.preventDefault();
            save();
        });
    }

    Array.prototype.forEach.call(run.querySelectorAll("form[data-run-answer]"), setUp);
})();
