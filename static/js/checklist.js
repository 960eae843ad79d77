// Checklist ticks: progress, reset, and persistence in localStorage (no account needed).
// Without JavaScript the checklist stays a plain list of native checkboxes.
(function () {
    "use strict";

    function storageKey(checklist) {
        return "coopkb:checklist:" + checklist.dataset.checklist;
    }

    function load(checklist) {
        try {
            return JSON.parse(window.localStorage.getItem(storageKey(checklist))) || [];
        } catch (error) {
            return []; // storage disabled or corrupted: start empty
        }
    }

    function save(checklist, ticked) {
        try {
            window.localStorage.setItem(storageKey(checklist), JSON.stringify(ticked));
        } catch (error) {
            // storage full or disabled: ticks last until the page is left
        }
    }

    function setUp(checklist) {
        var boxes = Array.prototype.slice.call(checklist.querySelectorAll("input[data-item]"));
        var tools = checklist.querySelector(".checklist__tools");
        var progress = checklist.querySelector("progress");
        var count = checklist.querySelector(".checklist__count");
        var reset = checklist.querySelector(".checklist__reset");
        var countText = checklist.dataset.countText;

        function ticked() {
            return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.dataset.item; });
        }

        function update() {
            var done = ticked().length;
            progress.max = boxes.length;
            progress.value = done;
            count.textContent = countText
                .replace("{done}", done)
                .replace("{total}", boxes.length);
        }

        var saved = load(checklist);
        boxes.forEach(function (box) {
            box.checked = saved.indexOf(box.dataset.item) !== -1;
            box.addEventListener("change", function () {
                save(checklist, ticked());
                update();
            });
        });
        reset.addEventListener("click", function () {
            boxes.forEach(function (box) { box.checked = false; });
            save(checklist, []);
            update();
            if (boxes.length) { boxes[0].focus(); }
        });
        tools.hidden = false;
        update();
    }

    document.querySelectorAll("[data-checklist]").forEach(setUp);
})();
