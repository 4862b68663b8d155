/*
 * H5P.PhonghocQuickCheck 1.0: one question, a few options, a Check button.
 * Sends xAPI "answered" and "completed" with the score (triggerXAPIScored), and supports
 * saved state (getCurrentState / extras.previousState) so a student can resume.
 */
var H5P = H5P || {};

H5P.PhonghocQuickCheck = (function ($, EventDispatcher) {
  'use strict';

  function QuickCheck(params, contentId, extras) {
    EventDispatcher.call(this);
    var l10n = $.extend({
      check: 'Kiểm tra', retry: 'Làm lại', correct: 'Đúng rồi!', wrong: 'Chưa đúng, hãy xem lại bài.', chooseFirst: 'Hãy chọn một đáp án.'
    }, (params && params.l10n) || {});
    this.params = { question: (params && params.question) || '', options: (params && params.options) || [], l10n: l10n };
    this.contentId = contentId;
    var previous = (extras && extras.previousState) || {};
    this.selected = typeof previous.selected === 'number' ? previous.selected : null;
    this.checked = previous.checked === true && this.selected !== null;
  }

  QuickCheck.prototype = Object.create(EventDispatcher.prototype);
  QuickCheck.prototype.constructor = QuickCheck;

  QuickCheck.prototype.getMaxScore = function () { return 1; };

  QuickCheck.prototype.getScore = function () {
    var option = this.params.options[this.selected];
    return this.checked && option && option.correct ? 1 : 0;
  };

  QuickCheck.prototype.getAnswerGiven = function () { return this.selected !== null; };

  QuickCheck.prototype.getCurrentState = function () {
    return { selected: this.selected, checked: this.checked };
  };

  QuickCheck.prototype.resetTask = function () {
    this.selected = null;
    this.checked = false;
    this.render();
  };

  QuickCheck.prototype.attach = function ($container) {
    this.$container = $container;
    $container.addClass('h5p-phonghoc-quick-check');
    this.render();
  };

  /** Plain text of the question: content parameters are data, never markup run as-is. */
  function text(html) {
    return $('<div>').html(String(html || '')).text();
  }

  QuickCheck.prototype.render = function () {
    var self = this;
    var $c = self.$container;
    if (!$c) return;
    $c.empty();
    $('<p class="pqc-question">').text(text(self.params.question)).appendTo($c);
    var $list = $('<ul class="pqc-options" role="radiogroup">').appendTo($c);
    self.params.options.forEach(function (option, i) {
      var $li = $('<li class="pqc-option">').appendTo($list);
      var $label = $('<label>').appendTo($li);
      var $input = $('<input type="radio" name="pqc-' + self.contentId + '">').val(String(i)).appendTo($label);
      $('<span>').text(text(option.text)).appendTo($label);
      if (self.selected === i) $input.prop('checked', true);
      if (self.checked) {
        $input.prop('disabled', true);
        if (option.correct) $li.addClass('pqc-right');
        else if (self.selected === i) $li.addClass('pqc-wrong');
      }
      $input.on('change', function () {
        self.selected = i;
        self.triggerXAPI('interacted');
      });
    });
    var $feedback = $('<div class="pqc-feedback" aria-live="polite">');
    var $button = $('<button type="button" class="pqc-check">').text(self.checked ? self.params.l10n.retry : self.params.l10n.check).appendTo($c);
    $feedback.appendTo($c);
    if (self.checked) {
      var ok = self.getScore() === 1;
      $feedback.text(ok ? self.params.l10n.correct : self.params.l10n.wrong).addClass(ok ? 'pqc-good' : 'pqc-bad');
    }
    $button.on('click', function () {
      if (self.checked) {
        self.resetTask();
        return;
      }
      if (self.selected === null) {
        $feedback.text(self.params.l10n.chooseFirst).removeClass('pqc-good').addClass('pqc-bad');
        return;
      }
      self.checked = true;
      var score = self.getScore();
      self.render();
      self.triggerXAPIScored(score, 1, 'answered', true, score === 1);
      self.triggerXAPIScored(score, 1, 'completed', true, score === 1);
    });
    self.trigger('resize');
  };

  return QuickCheck;
})(H5P.jQuery, H5P.EventDispatcher);
