# Upper case for the generators of build/gen from lib/data tables (run with
# LC_ALL=C: bytes): A-Z, and the Latin-1 letters in UTF-8 (U+00E0..U+00FE
# but U+00F7, two bytes: C3 A0..BE to C3 80..9E). Other bytes are kept.
BEGIN { for (i = 1; i < 256; i++) { ch[i] = sprintf("%c", i); ord[ch[i]] = i } }

# the character at w's byte i in upper case, or "" when it has none there
function up1(w, i,    b, c) {
	b = ord[substr(w, i, 1)]
	if (b >= 97 && b <= 122)
		return ch[b - 32]
	c = ord[substr(w, i + 1, 1)]
	if (b == 195 && c >= 160 && c <= 190 && c != 183)
		return ch[195] ch[c - 32]
	return ""
}

# w in upper case
function upall(w,    o, i, u) {
	o = ""
	for (i = 1; i <= length(w); i++) {
		u = up1(w, i)
		if (u == "")
			o = o substr(w, i, 1)
		else {
			o = o u
			if (length(u) == 2)
				i++
		}
	}
	return o
}

# w with its first letter in upper case
function upfirst(w,    u) {
	u = up1(w, 1)
	return u == "" ? w : u substr(w, length(u) + 1)
}
