// Transcription notation (Jefferson and transcribers' notes) read as cues, never as words.
#include <gtest/gtest.h>

#include "ruptag/notation.hpp"
#include "ruptag/text.hpp"

namespace ruptag {
namespace {

struct Seen {
  CueKind kind;
  std::optional<double> seconds;
};

std::vector<Seen> seen(std::string_view text) {
  std::vector<Seen> out;
  for (const Cue& c : find_cues(text)) out.push_back({c.kind, c.seconds});
  return out;
}

// The one cue `text` holds (fails when there is not exactly one).
Seen only(std::string_view text) {
  const auto all = seen(text);
  EXPECT_EQ(all.size(), 1U) << text;
  return all.empty() ? Seen{CueKind::note, std::nullopt} : all.front();
}

// The words tokenize() finds in the talk of `text`.
std::string talk_words(std::string_view text) {
  const auto talk = talk_only(text, find_cues(text));
  const auto tokens = tokenize(talk);
  std::string out;
  for (std::size_t i = 0; i < tokens.tokens.size(); ++i) {
    if (i > 0) out += ' ';
    out += tokens.normalized(i);
  }
  return out;
}

TEST(Notation, Pauses) {
  EXPECT_EQ(only("ja (.) nee").kind, CueKind::pause);
  EXPECT_DOUBLE_EQ(*only("ja (.) nee").seconds, 0.1);  // a micropause
  EXPECT_DOUBLE_EQ(*only("(2.0) Fine.").seconds, 2.0);
  EXPECT_DOUBLE_EQ(*only("(0,5) Goed.").seconds, 0.5);
  EXPECT_DOUBLE_EQ(*only("well (3 sec) no").seconds, 3.0);
  EXPECT_DOUBLE_EQ(*only("(4 seconden) nee").seconds, 4.0);
  EXPECT_EQ(only("[pause] okay").kind, CueKind::pause);
  EXPECT_FALSE(only("[pause] okay").seconds);
  EXPECT_DOUBLE_EQ(*only("(long pause) okay").seconds, 3.0);  // "long" without a length: 3 s
  EXPECT_EQ(only("I don't know...").kind, CueKind::pause);
  EXPECT_EQ(only("ik weet het niet\xE2\x80\xA6").kind, CueKind::pause);
  EXPECT_TRUE(seen("reasons: (1) money and (3) time").empty());  // a list, not a pause
}

TEST(Notation, LaughterSighsCryingSilence) {
  for (const char* text : {"(laughs) yeah", "((laughing)) yeah", "(lacht) ja", "[laughter] yeah", "haha yeah",
                           "ja hihi", "HAHAHA no", "(h)yeah", "[gelach] ja", "*laughs* yeah"}) {
    EXPECT_EQ(only(text).kind, CueKind::laughter) << text;
  }
  EXPECT_TRUE(seen("Hannah hah hehee").empty());
  EXPECT_EQ(only("(sighs) fine").kind, CueKind::sigh);
  EXPECT_EQ(only("(zucht) prima").kind, CueKind::sigh);
  EXPECT_EQ(only("(cries) sorry").kind, CueKind::crying);
  EXPECT_EQ(only("[huilt] sorry").kind, CueKind::crying);
  EXPECT_EQ(only("(silence)").kind, CueKind::silence);
  EXPECT_EQ(only("[stilte]").kind, CueKind::silence);
  EXPECT_EQ(only("(zwijgt)").kind, CueKind::silence);
  EXPECT_DOUBLE_EQ(*only("(10 sec silence)").seconds, 10.0);
  // one note can name several cues
  const auto both = seen("(long silence, then sighs)");
  ASSERT_EQ(both.size(), 2U);
  EXPECT_EQ(both[0].kind, CueKind::sigh);
  EXPECT_EQ(both[1].kind, CueKind::silence);
}

TEST(Notation, OverlapLatchingUnclearGestureNote) {
  const auto overlap = seen("I just [don't know] what");
  ASSERT_EQ(overlap.size(), 1U);
  EXPECT_EQ(overlap[0].kind, CueKind::overlap);
  EXPECT_EQ(only("[crosstalk]").kind, CueKind::overlap);
  EXPECT_EQ(only("[yeah").kind, CueKind::overlap);  // an onset whose end is in the other turn
  EXPECT_EQ(only("=yeah").kind, CueKind::latching);
  EXPECT_EQ(only("it was ( ) then").kind, CueKind::unclear);
  EXPECT_EQ(only("(inaudible) then").kind, CueKind::unclear);
  EXPECT_EQ(only("(onverstaanbaar) toen").kind, CueKind::unclear);
  EXPECT_EQ(only("[inaudible 00:12:03] then").kind, CueKind::unclear);
  EXPECT_EQ(only("(xxx) then").kind, CueKind::unclear);
  EXPECT_EQ(only("(shrugs) dunno").kind, CueKind::gesture);
  EXPECT_EQ(only("(haalt schouders op) weet niet").kind, CueKind::gesture);
  EXPECT_EQ(only("(coughs) sorry").kind, CueKind::note);
  EXPECT_EQ(only("((phone rings)) sorry").kind, CueKind::note);
  EXPECT_TRUE(seen("at [00:12:34] we").empty());    // a timestamp is not a cue
  EXPECT_TRUE(seen("*really* important").empty());  // emphasis, not a note
}

TEST(Notation, NotesAreNotTalk) {
  EXPECT_EQ(talk_words("(laughs) he hit me haha"), "he hit me");
  EXPECT_EQ(talk_words("((lacht)) ja [stilte] nee (2.0) oké"), "ja nee oke");
  EXPECT_EQ(talk_words("I [don't know] =yeah"), "i don't know yeah");           // overlapped talk stays
  EXPECT_EQ(talk_words("(with my mother) we went"), "with my mother we went");  // unknown: may be talk
  EXPECT_EQ(talk_words("ne::e so:rry"), "nee sorry");  // Jefferson's stretched sounds
  EXPECT_EQ(talk_words("at 12:30 sharp"), "at 12 30 sharp");
  // offsets are kept, so evidence spans still point into the original text
  const std::string text = "(sighs) fine";
  EXPECT_EQ(talk_only(text, find_cues(text)).size(), text.size());
  EXPECT_EQ(notes_only(text, find_cues(text)), "(sighs)     ");
}

TEST(Notation, KindNames) {
  for (const auto name : cue_kind_names()) EXPECT_EQ(to_string(*parse_cue_kind(name)), name);
  EXPECT_FALSE(parse_cue_kind("laugh"));
}

}  // namespace
}  // namespace ruptag
