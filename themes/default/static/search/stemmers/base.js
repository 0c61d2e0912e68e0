// The Snowball runtime for the stemmers in this folder: a line-for-line port of snowballstemmer's
// basestemmer.py and among.py (BSD 3-clause, see docs/dev/dependencies.md), so that the browser stems
// words exactly as the Python indexer does (scripts/snowball_js.py translates the stemmers themselves).
(function (global) {
  "use strict";

  function Among(s, substring_i, result, method) {
    this.s = s;
    this.substring_i = substring_i;
    this.result = result;
    this.method = method || null;
  }

  function has(group, ch) {
    return typeof group === "string" ? group.indexOf(ch) !== -1 : group.has(ch);
  }

  function BaseStemmer() {
    this.set_current("");
  }

  var B = BaseStemmer.prototype;

  B.set_current = function (value) {
    this.current = value;
    this.cursor = 0;
    this.limit = this.current.length;
    this.limit_backward = 0;
    this.bra = this.cursor;
    this.ket = this.limit;
  };

  B.get_current = function () {
    return this.current;
  };

  B.in_grouping = function (s) {
    if (this.cursor >= this.limit) return false;
    if (!has(s, this.current[this.cursor])) return false;
    this.cursor += 1;
    return true;
  };

  B.go_in_grouping = function (s) {
    while (this.cursor < this.limit) {
      if (!has(s, this.current[this.cursor])) return true;
      this.cursor += 1;
    }
    return false;
  };

  B.in_grouping_b = function (s) {
    if (this.cursor <= this.limit_backward) return false;
    if (!has(s, this.current[this.cursor - 1])) return false;
    this.cursor -= 1;
    return true;
  };

  B.go_in_grouping_b = function (s) {
    while (this.cursor > this.limit_backward) {
      if (!has(s, this.current[this.cursor - 1])) return true;
      this.cursor -= 1;
    }
    return false;
  };

  B.out_grouping = function (s) {
    if (this.cursor >= this.limit) return false;
    if (!has(s, this.current[this.cursor])) {
      this.cursor += 1;
      return true;
    }
    return false;
  };

  B.go_out_grouping = function (s) {
    while (this.cursor < this.limit) {
      if (has(s, this.current[this.cursor])) return true;
      this.cursor += 1;
    }
    return false;
  };

  B.out_grouping_b = function (s) {
    if (this.cursor <= this.limit_backward) return false;
    if (!has(s, this.current[this.cursor - 1])) {
      this.cursor -= 1;
      return true;
    }
    return false;
  };

  B.go_out_grouping_b = function (s) {
    while (this.cursor > this.limit_backward) {
      if (has(s, this.current[this.cursor - 1])) return true;
      this.cursor -= 1;
    }
    return false;
  };

  B.eq_s = function (s) {
    if (this.limit - this.cursor < s.length) return false;
    if (this.current.slice(this.cursor, this.cursor + s.length) !== s) return false;
    this.cursor += s.length;
    return true;
  };

  B.eq_s_b = function (s) {
    if (this.cursor - this.limit_backward < s.length) return false;
    if (this.current.slice(this.cursor - s.length, this.cursor) !== s) return false;
    this.cursor -= s.length;
    return true;
  };

  B.find_among = function (v) {
    var i = 0, j = v.length, c = this.cursor, l = this.limit;
    var common_i = 0, common_j = 0, first_key_inspected = false;
    while (true) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(common_i, common_j);
      var w = v[k];
      for (var i2 = common; i2 < w.s.length; i2++) {
        if (c + common === l) {
          diff = -1;
          break;
        }
        diff = this.current.charCodeAt(c + common) - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) {
        j = k;
        common_j = common;
      } else {
        i = k;
        common_i = common;
      }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      w = v[i];
      if (common_i >= w.s.length) {
        this.cursor = c + w.s.length;
        if (w.method === null) return w.result;
        if (w.method.call(this)) {
          this.cursor = c + w.s.length;
          return w.result;
        }
      }
      i = w.substring_i;
      if (i < 0) return 0;
    }
  };

  B.find_among_b = function (v) {
    var i = 0, j = v.length, c = this.cursor, lb = this.limit_backward;
    var common_i = 0, common_j = 0, first_key_inspected = false;
    while (true) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(common_i, common_j);
      var w = v[k];
      for (var i2 = w.s.length - 1 - common; i2 >= 0; i2--) {
        if (c - common === lb) {
          diff = -1;
          break;
        }
        diff = this.current.charCodeAt(c - 1 - common) - w.s.charCodeAt(i2);
        if (diff !== 0) break;
        common += 1;
      }
      if (diff < 0) {
        j = k;
        common_j = common;
      } else {
        i = k;
        common_i = common;
      }
      if (j - i <= 1) {
        if (i > 0) break;
        if (j === i) break;
        if (first_key_inspected) break;
        first_key_inspected = true;
      }
    }
    while (true) {
      w = v[i];
      if (common_i >= w.s.length) {
        this.cursor = c - w.s.length;
        if (w.method === null) return w.result;
        if (w.method.call(this)) {
          this.cursor = c - w.s.length;
          return w.result;
        }
      }
      i = w.substring_i;
      if (i < 0) return 0;
    }
  };

  B.replace_s = function (c_bra, c_ket, s) {
    var adjustment = s.length - (c_ket - c_bra);
    this.current = this.current.slice(0, c_bra) + s + this.current.slice(c_ket);
    this.limit += adjustment;
    if (this.cursor >= c_ket) this.cursor += adjustment;
    else if (this.cursor > c_bra) this.cursor = c_bra;
    return adjustment;
  };

  B.slice_from = function (s) {
    this.replace_s(this.bra, this.ket, s);
    this.ket = this.bra + s.length;
  };

  B.slice_del = function () {
    this.slice_from("");
  };

  B.insert = function (c_bra, c_ket, s) {
    var adjustment = this.replace_s(c_bra, c_ket, s);
    if (c_bra <= this.bra) this.bra += adjustment;
    if (c_bra <= this.ket) this.ket += adjustment;
  };

  B.slice_to = function () {
    return this.current.slice(this.bra, this.ket);
  };

  B.assign_to = function () {
    return this.current.slice(0, this.limit);
  };

  B.stemWord = function (word) {
    this.set_current(word);
    this._stem();
    return this.get_current();
  };

  global.newsdeskSnowball = { Among: Among, BaseStemmer: BaseStemmer, stemmers: {} };
})(globalThis);
